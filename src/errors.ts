/**
 * An error caused by the user's input (props, files, flags), not by a bug.
 * Entry points print its message without a stack trace and exit non-zero.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
    // No call frames: if a user's own app does not catch it, Node prints the message, not our internals.
    this.stack = `${this.name}: ${message}`;
  }
}

/** True for errors whose message is meant for the user as it is (ours, and cdk8s's validation report). */
export function isUserFacing(error: unknown): error is Error {
  return error instanceof UserError || (error instanceof Error && error.message.startsWith('Validation failed with the following errors'));
}
