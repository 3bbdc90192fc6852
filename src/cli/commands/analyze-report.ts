/** The findings of `analyze` as text or JSON, written finding by finding (a big input can have a million). */
import { type AnalysisResult } from '../../engine/analysis/analyze';
import { printableFinding } from '../../engine/analysis/printable-finding';
import { type Finding, LEVELS, type ObjectRef } from '../../engine/analysis/rule';
import { escapeControl } from '../../model/printable';
import { type OutputSink } from '../output';

export type ReportFormat = 'text' | 'json';

/** Writes the report of `result` (over `objectCount` objects) to `sink`, then commits it. */
export async function writeReport(sink: OutputSink, result: AnalysisResult, objectCount: number, format: ReportFormat): Promise<void> {
  if (format === 'json') await writeJson(sink, result);
  else await writeText(sink, result, objectCount);
  await sink.commit();
}

/**
 * The JSON output: `{ findings: [{ code, level, message, objects: [{ kind, namespace?, name, file?, line? }] }],
 * suppressed: { byPattern, byAnnotation } }`, formatted as JSON.stringify(report, null, 2) would.
 */
async function writeJson(sink: OutputSink, { findings, suppressed }: AnalysisResult): Promise<void> {
  await sink.write(findings.length === 0 ? '{\n  "findings": [],\n' : '{\n  "findings": [\n');
  for (const [i, f] of findings.entries()) {
    await sink.write(`${indent(JSON.stringify(jsonFinding(printableFinding(f)), null, 2), '    ')}${i < findings.length - 1 ? ',' : ''}\n`);
  }
  if (findings.length > 0) await sink.write('  ],\n');
  await sink.write(`  "suppressed": ${indent(JSON.stringify(suppressed, null, 2), '  ').trimStart()}\n}\n`);
}

function jsonFinding(f: Finding): unknown {
  return {
    code: f.code,
    level: f.level,
    message: f.message,
    objects: f.objects.map((o) => ({
      kind: o.kind,
      ...(o.namespace ? { namespace: o.namespace } : {}),
      name: o.name,
      ...(o.source?.file !== undefined ? { file: o.source.file } : {}),
      ...(o.source?.line !== undefined ? { line: o.source.line } : {}),
      ...(o.source?.constructPath !== undefined ? { constructPath: o.source.constructPath } : {}),
    })),
  };
}

function indent(text: string, pad: string): string {
  return text.replace(/^/gm, pad);
}

/**
 * The text output: `Error [IST0102] (Namespace shop ns.yaml:1) message`, further objects on `  also:` lines,
 * then a count by level, and a line counting suppressed findings when there are any.
 */
async function writeText(sink: OutputSink, { findings, suppressed }: AnalysisResult, objectCount: number): Promise<void> {
  if (findings.length === 0) await sink.write(`no findings in ${objectCount} object(s)\n`);
  const counts = new Map<string, number>();
  for (const found of findings) {
    counts.set(found.level, (counts.get(found.level) ?? 0) + 1);
    const f = printableFinding(found);
    const [main, ...others] = f.objects;
    // Messages and names quote the input: a line break there must not start a line of its own (a fake finding).
    let text = escapeControl(`${capitalize(f.level)} [${f.code}]${main ? ` (${describeRef(main)})` : ''} ${f.message}`) + '\n';
    for (const o of others) text += `  also: ${escapeControl(describeRef(o))}\n`;
    await sink.write(text);
  }
  if (findings.length > 0) {
    const byLevel = LEVELS.slice()
      .reverse()
      .map((l) => `${counts.get(l) ?? 0} ${l}`)
      .join(', ');
    await sink.write(`${findings.length} finding(s): ${byLevel}\n`);
  }
  const total = suppressed.byPattern + suppressed.byAnnotation;
  if (total > 0) {
    await sink.write(
      `${total} finding(s) suppressed: ${suppressed.byPattern} by --suppress, ` +
        `${suppressed.byAnnotation} by the galley.istio.io/analyze-suppress annotation\n`,
    );
  }
}

function describeRef(o: ObjectRef): string {
  const where =
    o.source?.file !== undefined
      ? ` ${o.source.file}${o.source.line !== undefined ? `:${o.source.line}` : ''}`
      : o.source?.constructPath !== undefined
        ? ` [${o.source.constructPath}]`
        : '';
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}${where}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
