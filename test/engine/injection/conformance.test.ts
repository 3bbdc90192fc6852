import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { buildInjectionSettings, InjectionError, injectYaml } from '../../../src/engine/injection';
import { normalizeDocument, yamlDocuments } from './support/semantic';

const DATA = path.join(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'kube-inject');

interface Case {
  readonly id: string;
  readonly input: string;
  readonly expected: string | null;
  readonly expectedError: string | null;
  readonly expectedWarning: string | null;
  readonly set: string[];
  readonly valuesFile: string | null;
  readonly meshConfig: Record<string, unknown> | null;
  readonly nativeSidecars: boolean;
}

const cases: Case[] = fs.existsSync(path.join(DATA, 'cases.json'))
  ? JSON.parse(fs.readFileSync(path.join(DATA, 'cases.json'), 'utf8'))
  : [];

if (cases.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(`kube-inject conformance data not found at ${DATA}; skipping the conformance cases`);
}

const read = (file: string): string => fs.readFileSync(path.join(DATA, file), 'utf8');

function run(c: Case): { yaml: string; warnings: string[] } {
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
