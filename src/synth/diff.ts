import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { apiGroup, describeObject, isKubeObject } from '../engine/k8s/object';
import { entryKind } from '../engine/fs-kind';
import { parseDocuments } from '../engine/yaml/documents';
import { UserError } from '../errors';

/** One object that differs between the committed output and a fresh synth. */
export interface ObjectDrift {
  /** From the committed output's point of view: what a fresh synth would do to it. */
  readonly change: 'added' | 'removed' | 'changed';
  /** `Kind namespace/name`, or `document N` for a document that is not a Kubernetes object. */
  readonly object: string;
}

/** One file that differs. */
export interface FileDrift {
  readonly file: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** For changed files: the objects that differ (empty when only the formatting differs). */
  readonly objects: readonly ObjectDrift[];
  /** Why the objects could not be compared (a file that is not valid YAML). */
  readonly note?: string;
}

/**
 * Reads every file under `dir` (relative `/`-separated path -> content); empty when `dir` does not exist.
 * Only folders and regular files are entered or opened: synth writes nothing else, and a FIFO would block the read
 * forever (a symlink could lead anywhere), so any other entry ends in one line naming it.
 */
export function readOutputDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const entries = fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.set(child, fs.readFileSync(path.join(dir, child), 'utf-8'));
      else {
        throw new UserError(
          `cannot compare ${path.join(dir, child)}: it is ${entryKind(entry)}, which synth never writes; move it out of the output folder`,
        );
      }
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

/** Compares the committed output with a fresh synth, file by file and, in changed files, object by object. */
export function diffOutputs(committed: ReadonlyMap<string, string>, fresh: ReadonlyMap<string, string>): FileDrift[] {
  const files = [...new Set([...committed.keys(), ...fresh.keys()])].sort();
  const out: FileDrift[] = [];
  for (const file of files) {
    // A checkout with CRLF line endings (git autocrlf) holds the same output.
    const before = committed.get(file)?.replace(/\r\n/g, '\n');
    const after = fresh.get(file);
    if (before === after) continue;
    if (before === undefined) out.push({ file, change: 'added', objects: [] });
    else if (after === undefined) out.push({ file, change: 'removed', objects: [] });
    else out.push(diffFile(file, before, after));
  }
  return out;
}

/** A short report: one line per file, indented lines per object. */
export function formatDrift(drift: readonly FileDrift[]): string {
  const sign = { added: '+', removed: '-', changed: '~' } as const;
  const lines: string[] = [];
  for (const f of drift) {
    const what = f.change === 'added' ? ' (new file)' : f.change === 'removed' ? ' (no longer produced)' : '';
    lines.push(`${sign[f.change]} ${f.file}${what}`);
    if (f.note) lines.push(`    ${f.note}`);
    else if (f.change === 'changed' && f.objects.length === 0) lines.push('    formatting only');
    for (const o of f.objects) lines.push(`    ${sign[o.change]} ${o.object}`);
  }
  return lines.join('\n');
}

function diffFile(file: string, before: string, after: string): FileDrift {
  // Only YAML files hold objects; any other file (the output marker) differs as text.
  if (!/\.ya?ml$/.test(file)) return { file, change: 'changed', objects: [], note: 'content differs' };
  let old: Map<string, Entry>;
  try {
    old = entries(before, file);
  } catch (error) {
    return { file, change: 'changed', objects: [], note: `not valid YAML: ${(error as Error).message}` };
  }
  const now = entries(after, file);
  const objects: ObjectDrift[] = [];
  for (const [key, entry] of now) {
    const previous = old.get(key);
    if (!previous) objects.push({ change: 'added', object: entry.label });
    else if (!isDeepStrictEqual(previous.value, entry.value)) objects.push({ change: 'changed', object: entry.label });
  }
  for (const [key, entry] of old) if (!now.has(key)) objects.push({ change: 'removed', object: entry.label });
  return { file, change: 'changed', objects };
}

interface Entry {
  readonly label: string;
  readonly value: unknown;
}

/** The documents of a file by identity (group, kind, namespace, name; repeats numbered). */
function entries(text: string, file: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  parseDocuments(text, file).forEach((doc, i) => {
    const v = doc.value;
    const base = isKubeObject(v) ? `${apiGroup(v.apiVersion)}/${v.kind}/${v.metadata.namespace ?? ''}/${v.metadata.name ?? ''}` : `#${i}`;
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base}#${n}`;
    out.set(key, { label: isKubeObject(v) ? describeObject(v) : `document ${i + 1}`, value: v });
  });
  return out;
}
