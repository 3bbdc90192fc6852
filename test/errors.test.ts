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
