import { parse } from 'yaml';
import { buildInjectionSettings, InjectionError, injectYaml } from '../../../src/engine/injection';
import { type ConformanceCase, loadConformanceCases, readConformanceFile } from './support/conformance';
import { normalizeDocument, yamlDocuments } from './support/semantic';

const cases = loadConformanceCases('the conformance cases');

const read = readConformanceFile;

function run(c: ConformanceCase): { yaml: string; warnings: string[] } {
  const settings = buildInjectionSettings({
    pinned: false,
    values: c.valuesFile ? [parse(read(c.valuesFile))] : [],
    set: c.set,
    meshConfig: c.meshConfig ?? undefined,
    nativeSidecars: c.nativeSidecars,
  });
  return injectYaml(read(c.input), settings, c.input);
}

(cases.length > 0 ? describe : describe.skip)('kube-inject conformance (Istio 1.30.3 test data)', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (c.expectedError !== null) {
      let error: unknown;
      try {
        run(c);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InjectionError);
      expect((error as Error).message.toLowerCase()).toContain(c.expectedError.toLowerCase());
      return;
    }
    const { yaml, warnings } = run(c);
    const actual = yamlDocuments(yaml).map(normalizeDocument);
    const expected = yamlDocuments(read(c.expected!)).map(normalizeDocument);
    expect(actual).toEqual(expected);
    if (c.expectedWarning !== null) expect(warnings.join('\n')).toContain(c.expectedWarning);
  });
});
