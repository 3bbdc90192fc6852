import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { runProcess } from '../../../src/engine/process/runner';

/**
 * Renders template sources with real Go text/template + Sprig, through `helm template` and its
 * `tpl` function. Each source sees the values as `.Values`. Returns undefined when helm is absent.
 */
export function renderWithGo(sources: readonly string[], values: unknown): string[] | undefined {
  let helm: string;
  try {
    helm = locateHelm();
  } catch {
    return undefined;
  }
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
    const result = runProcess(helm, ['template', dir]);
    if (result.status !== 0) throw new Error(`helm failed: ${result.stderr}`);
    const doc = parseDocuments(result.stdout)[0].value as Record<string, string>;
    return sources.map((_, i) => Buffer.from(doc[`c${i}`], 'base64').toString('utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
