import { isUserFacing, UserError } from '../src/errors';

describe('UserError', () => {
  test('carries no call frames, so an uncaught one shows the message and not our internals', () => {
    const error = new UserError('synth failed: bad value');
    expect(error.stack).toBe('UserError: synth failed: bad value');
  });

  test('counts as user-facing, as does the cdk8s validation report, but not a plain bug', () => {
    expect(isUserFacing(new UserError('x'))).toBe(true);
    expect(isUserFacing(new Error('Validation failed with the following errors:\n  [a] b'))).toBe(true);
    expect(isUserFacing(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('UserError across copies of the library', () => {
  test('a UserError of another copy is user-facing, though instanceof says no', () => {
    let Other: typeof UserError = UserError;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../src/errors') as { UserError: typeof UserError }).UserError;
    });
    const error = new Other('bad value');
    expect(error instanceof UserError).toBe(false);
    expect(UserError.isUserError(error)).toBe(true);
    expect(isUserFacing(error)).toBe(true);
    expect(UserError.isUserError(new Error('bad value'))).toBe(false);
  });
});
