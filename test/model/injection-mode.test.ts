import { InjectionMode, injectionModeTypeError } from '../../src/model/injection-mode';

describe('InjectionMode', () => {
  test.each([
    [InjectionMode.sidecar(), { 'istio-injection': 'enabled' }, 'sidecar'],
    [InjectionMode.revision('canary'), { 'istio.io/rev': 'canary' }, 'revision/canary'],
    [InjectionMode.ambient(), { 'istio.io/dataplane-mode': 'ambient' }, 'ambient'],
    [InjectionMode.disabled(), { 'istio-injection': 'disabled' }, 'disabled'],
    [InjectionMode.none(), {}, 'none'],
  ])('%s has the labels of its mode', (mode, labels, summary) => {
    expect(mode.labels()).toEqual(labels);
    expect(mode.toString()).toBe(summary);
  });

  test('never puts istio-injection and istio.io/rev on one namespace', () => {
    for (const mode of [InjectionMode.sidecar(), InjectionMode.revision('a'), InjectionMode.disabled()]) {
      const keys = Object.keys(mode.labels());
      expect(keys.includes('istio-injection') && keys.includes('istio.io/rev')).toBe(false);
    }
  });

  test('names the revision whose webhook injects by default', () => {
    expect(InjectionMode.sidecar().injectingRevision).toBe('default');
    expect(InjectionMode.revision('canary').injectingRevision).toBe('canary');
    expect(InjectionMode.none().injectingRevision).toBeUndefined();
    expect(InjectionMode.ambient().injectingRevision).toBeUndefined();
  });

  test('records an external revision', () => {
    expect(InjectionMode.revision('canary', { external: true }).external).toBe(true);
    expect(InjectionMode.revision('canary').external).toBe(false);
  });

  test('fails validation for a revision that is not a dns-1123 label', () => {
    expect(InjectionMode.revision('Canary_1').validate()[0]).toContain("revision 'Canary_1' is not a valid dns-1123 label");
    expect(InjectionMode.revision('canary-1').validate()).toEqual([]);
  });

  test('reports a value that is not an InjectionMode', () => {
    expect(injectionModeTypeError('enabled')).toContain("injection must be an InjectionMode, got 'enabled'");
    expect(injectionModeTypeError(InjectionMode.none())).toBeUndefined();
  });
});

describe('InjectionMode across copies of the library', () => {
  test('a mode made by another copy is accepted, though instanceof says no; a look-alike object is not', () => {
    let Other: typeof InjectionMode = InjectionMode;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/model/injection-mode') as { InjectionMode: typeof InjectionMode }).InjectionMode;
    });
    const mode = Other.revision('canary');
    expect(mode instanceof InjectionMode).toBe(false);
    expect(InjectionMode.isInjectionMode(mode)).toBe(true);
    expect(injectionModeTypeError(mode)).toBeUndefined();
    const lookAlike = { kind: 'sidecar', labels: () => ({}) };
    expect(InjectionMode.isInjectionMode(lookAlike)).toBe(false);
    expect(injectionModeTypeError(lookAlike)).toContain('injection must be an InjectionMode, got');
  });
});
