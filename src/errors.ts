import { brand, hasBrand } from './model/brand';

/**
 * An error caused by the user's input (props, files, flags), not by a bug.
 * Entry points print its message without a stack trace and exit non-zero.
 */
export class UserError extends Error {
  /** Whether `x` is a UserError, also one from another copy of this library. */
  public static isUserError(x: unknown): x is UserError {
    return hasBrand(x, 'UserError');
  }

  static {
    brand(UserError, 'UserError');
  }

  constructor(message: string) {
    super(message);
    this.name = 'UserError';
    // No call frames: if a user's own app does not catch it, Node prints the message, not our internals.
    this.stack = `${this.name}: ${message}`;
  }
}

/** True for errors whose message is meant for the user as it is (ours, and cdk8s's validation report). */
export function isUserFacing(error: unknown): error is Error {
  return (
    UserError.isUserError(error) || (error instanceof Error && error.message.startsWith('Validation failed with the following errors'))
  );
}
