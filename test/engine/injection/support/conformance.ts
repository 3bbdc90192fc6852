import * as fs from 'fs';
import * as path from 'path';
import { CONFORMANCE_KUBE_INJECT } from '../../../support/shared-data';

/** Istio's kube-inject test cases as data, beside the clone (never copied into the repository). */
export const CONFORMANCE_DIR = CONFORMANCE_KUBE_INJECT;

/** One entry of cases.json (see the README in CONFORMANCE_DIR). */
export interface ConformanceCase {
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

/** The cases, or [] with a warning naming the folder when the data is absent. */
export function loadConformanceCases(who: string): ConformanceCase[] {
  const file = path.join(CONFORMANCE_DIR, 'cases.json');
  if (!fs.existsSync(file)) {
    // eslint-disable-next-line no-console -- the run must say that the shared data is absent, not only skip
    console.warn(`kube-inject conformance data not found at ${CONFORMANCE_DIR}; skipping ${who}`);
    return [];
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ConformanceCase[];
}

export function readConformanceFile(name: string): string {
  return fs.readFileSync(path.join(CONFORMANCE_DIR, name), 'utf8');
}
