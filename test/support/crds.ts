// CRD schema checks for tests of constructs: the CRDs are read from ../shared/reference at test time (never copied
// into the repo); suites skip, saying so in their name, when the file is absent.
import * as fs from 'fs';
import * as path from 'path';
import { CrdValidator } from '../../src/engine/analysis/schema/validator';
import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { REFERENCE_GATEWAY_API, REFERENCE_ISTIO } from './shared-data';

export const ISTIO_CRDS = path.join(REFERENCE_ISTIO, 'base.default.yaml');
export const GATEWAY_API_CRDS = path.join(REFERENCE_GATEWAY_API, 'standard-install.yaml');

/** A validator for the CRDs `names` (their v1 versions only) in `file`, or undefined when the file is absent. */
export function crdValidator(file: string, names: readonly string[]): CrdValidator | undefined {
  if (!fs.existsSync(file)) return undefined;
  const crds = fs
    .readFileSync(file, 'utf-8')
    .split(/^---$/m)
    .filter((doc) => names.some((n) => doc.includes(`name: ${n}\n`)))
    .flatMap((doc) => parseDocuments(onlyV1(doc)).map((d) => d.value as KubeObject))
    .filter((o) => o.kind === 'CustomResourceDefinition');
  return new CrdValidator(crds);
}

/** `suite` with the reason it is skipped when `file` is absent. */
export function crdSuiteName(suite: string, file: string): string {
  return fs.existsSync(file) ? suite : `${suite} (skipped: ${file} is absent)`;
}

/** Schema issues of the objects, as `<kind> <path> <message>`. */
export function schemaIssues(validator: CrdValidator, objects: readonly KubeObject[]): string[] {
  return objects.flatMap((o) => validator.validate(o).map((i) => `${o.kind} ${i.path} ${i.message}`));
}

function onlyV1(doc: string): string {
  const marker = '\n  versions:\n';
  const at = doc.indexOf(marker);
  if (at < 0) return doc;
  const head = doc.slice(0, at + marker.length);
  const v1 = doc
    .slice(head.length)
    .split(/^(?= {2}- )/m)
    .filter((item) => /^ {4}name: v1$/m.test(item));
  return v1.length === 1 ? head + v1[0] : doc;
}
