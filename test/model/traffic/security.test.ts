import { AuthorizationAction } from '../../../src/model/traffic/security';

describe('AuthorizationAction', () => {
  test('names Istio actions, with the provider for CUSTOM', () => {
    expect(AuthorizationAction.deny().name).toBe('DENY');
    expect(AuthorizationAction.custom('ext-authz')).toMatchObject({ name: 'CUSTOM', provider: 'ext-authz' });
  });

  test('rejects CUSTOM without a provider', () => {
    expect(() => AuthorizationAction.custom('')).toThrow(/custom authorization needs a provider name/);
  });
});
