import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { runProcess } from '../../../src/engine/process/runner';

/**
 * Real Go text/template + Sprig, through `helm template` and its `tpl` function: each source is run as
 * a template named "gotpl" that sees the values as `.Values`. Results are undefined when helm is absent.
 */

/** helm renders one small chart per call; a hung helm must not hang the suite. */
const HELM_TIMEOUT_MS = 120_000;

function helmOrUndefined(): string | undefined {
  try {
    return locateHelm();
  } catch {
    return undefined;
  }
}

/** Renders a chart whose only template runs each source through `tpl`; returns helm's result. */
function renderChart(helm: string, sources: readonly string[], values: unknown): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotemplate-oracle-'));
  try {
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.mkdirSync(path.join(dir, 'cases'));
    fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: oracle\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'values.yaml'), JSON.stringify(values));
    sources.forEach((s, i) => fs.writeFileSync(path.join(dir, 'cases', `c${i}.txt`), s));
    fs.writeFileSync(
      path.join(dir, 'templates', 'out.yaml'),
      `{{- range $i := until ${sources.length} }}\n` +
        'c{{ $i }}: {{ tpl ($.Files.Get (printf "cases/c%d.txt" $i)) $ | b64enc | quote }}\n' +
        '{{- end }}\n',
    );
    const result = runProcess(helm, ['template', dir], { timeoutMs: HELM_TIMEOUT_MS });
    if (result.timedOut) throw new Error(`helm template timed out after ${HELM_TIMEOUT_MS} ms`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each source's output from Go; undefined when helm is absent. */
export function renderWithGo(sources: readonly string[], values: unknown): string[] | undefined {
  const helm = helmOrUndefined();
  if (!helm) return undefined;
  const result = renderChart(helm, sources, values);
  if (result.status !== 0) throw new Error(`helm failed: ${result.stderr}`);
  const doc = parseDocuments(result.stdout)[0].value as Record<string, string>;
  return sources.map((_, i) => Buffer.from(doc[`c${i}`], 'base64').toString('utf8'));
}

/**
 * For each source, Go's error (`template: gotpl:…`, the part Go's tpl wraps), or its output prefixed
 * with "ok: " when it runs. One helm run per source, since an error stops the whole render.
 */
export function outcomesWithGo(sources: readonly string[], values: unknown): string[] | undefined {
  const helm = helmOrUndefined();
  if (!helm) return undefined;
  return sources.map((source) => {
    const result = renderChart(helm, [source], values);
    if (result.status === 0) {
      const doc = parseDocuments(result.stdout)[0].value as Record<string, string>;
      return `ok: ${Buffer.from(doc.c0, 'base64').toString('utf8')}`;
    }
    const inner = result.stderr.lastIndexOf('template: gotpl:');
    if (inner < 0) throw new Error(`helm failed outside the template: ${result.stderr}`);
    return result.stderr.slice(inner).split('\n')[0];
  });
}
