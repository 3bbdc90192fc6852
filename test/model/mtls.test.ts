import { MtlsMode, effectiveMtls, mtlsModeTypeError } from '../../src/model/mtls';

describe('MtlsMode', () => {
  test.each([
    [MtlsMode.unset(), 'UNSET'],
    [MtlsMode.disable(), 'DISABLE'],
    [MtlsMode.permissive(), 'PERMISSIVE'],
    [MtlsMode.strict(), 'STRICT'],
  ])('%s has its istio spelling', (mode, value) => {
    expect(mode.value).toBe(value);
    expect(mode.validate()).toEqual([]);
  });

  test('of() accepts the four istio spellings', () => {
    expect(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'].map((v) => MtlsMode.of(v).isValid)).toEqual([true, true, true, true]);
  });

  test('of() with an unknown value fails validation naming the value and the choices', () => {
    expect(MtlsMode.of('STRIKT').validate()).toEqual([
      "mtls mode 'STRIKT' is not one of UNSET, DISABLE, PERMISSIVE, STRICT: use MtlsMode.strict(), MtlsMode.permissive(), MtlsMode.disable() or MtlsMode.unset()",
    ]);
  });

  test('of() with the wrong case points at the upper-case spelling', () => {
    expect(MtlsMode.of('strict').validate()[0]).toContain("use 'STRICT' (upper case) or MtlsMode.strict()");
  });

  test('reports a value that is not an MtlsMode', () => {
    expect(mtlsModeTypeError('STRICT', 'mode')).toContain("mode must be an MtlsMode, got 'STRICT'");
  });
});

describe('effectiveMtls', () => {
  test('is PERMISSIVE without any policy', () => {
    expect(effectiveMtls({}).mode).toBe('PERMISSIVE');
  });

  test('treats a mesh-wide UNSET as PERMISSIVE', () => {
    expect(effectiveMtls({ mesh: MtlsMode.unset() }).mode).toBe('PERMISSIVE');
  });

  test('prefers namespace over mesh and workload over namespace', () => {
    expect(effectiveMtls({ mesh: MtlsMode.strict(), namespace: MtlsMode.disable() }).mode).toBe('DISABLE');
    expect(effectiveMtls({ mesh: MtlsMode.disable(), namespace: MtlsMode.permissive(), workload: MtlsMode.strict() }).mode).toBe('STRICT');
  });

  test('lets UNSET inherit from the parent scope', () => {
    expect(effectiveMtls({ mesh: MtlsMode.strict(), namespace: MtlsMode.unset(), workload: MtlsMode.unset() }).mode).toBe('STRICT');
  });

  test('lets a port-level mode override the workload mode and a port-level UNSET inherit it', () => {
    const result = effectiveMtls({ namespace: MtlsMode.strict(), ports: { 80: MtlsMode.disable(), 8080: MtlsMode.unset() } });
    expect(result).toEqual({ mode: 'STRICT', ports: { 80: 'DISABLE', 8080: 'STRICT' } });
  });
});

describe('MtlsMode across copies of the library', () => {
  test('a mode made by another copy is accepted, though instanceof says no; a look-alike object is not', () => {
    let Other: typeof MtlsMode = MtlsMode;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../src/model/mtls') as { MtlsMode: typeof MtlsMode }).MtlsMode;
    });
    const mode = Other.strict();
    expect(mode instanceof MtlsMode).toBe(false);
    expect(MtlsMode.isMtlsMode(mode)).toBe(true);
    expect(mtlsModeTypeError(mode, 'mode')).toBeUndefined();
    expect(MtlsMode.isMtlsMode({ value: 'STRICT', isValid: true })).toBe(false);
    expect(mtlsModeTypeError({ value: 'STRICT' }, 'mode')).toContain('mode must be an MtlsMode, got');
  });
});
