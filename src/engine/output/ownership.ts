import type * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../errors';
import { isRecord } from '../k8s/object';
import { parseDocuments } from '../yaml/documents';
import { type OutputFs } from './fs-ops';
import { MARKER_FILE, parseMarker } from './marker';
import { type OutputPaths } from './resolve';
import { entryKind } from '../fs-kind';

/** Files that say a folder is a project, not a synth output: replacing it would delete the project. */
const PROJECT_MARKERS = ['.git', 'package.json', 'cdk8s.yaml'];

const FIX = 'set outdir to a folder of its own, e.g. dist';
const MOVE_OUT = `${FIX}, or move that out of the folder (synth replaces the folder whole)`;

/**
 * Refuses (one UserError naming the entry and the fix) unless the output folder may be replaced whole:
 * it does not exist; or it holds the marker and nothing but the files the marker lists and the folders leading to
 * them; or, written before the marker existed, nothing but folders and Kubernetes YAML. Anything else (a file the
 * user added, a symlink, a FIFO, a regular file or a dangling symlink as the output) would be lost, so it is refused.
 */
export function checkOwnership(paths: OutputPaths, ops: OutputFs, cwd: string = process.cwd()): void {
  const { real } = paths;
  const shown = paths.viaSymlink ? `${real} (the target of the symlink ${paths.requested})` : real;
  const refuse = (what: string, fix = FIX): never => {
    throw new UserError(`refusing to replace ${shown}: ${what}; ${fix}`);
  };
  const realCwd = ops.realpath(cwd);
  if (realCwd === real || realCwd.startsWith(real + path.sep)) refuse('it holds the working directory');
  const stat = ops.lstat(real);
  if (!stat) {
    if (paths.viaSymlink) refuse('the symlink points at nothing', `create that folder, or ${FIX}`);
    return;
  }
  if (!stat.isDirectory()) refuse(`it is ${entryKind(stat)}, not a folder`);
  const project = PROJECT_MARKERS.find((m) => ops.lstat(path.join(real, m)));
  if (project) refuse(`it holds ${project}, so it is a project, not a synth output`);
  const marker = ops.lstat(path.join(real, MARKER_FILE));
  if (marker && !marker.isFile()) refuse(`it holds ${MARKER_FILE} as ${entryKind(marker)}, which synth did not write`, MOVE_OUT);
  const problem = marker ? unlistedEntry(real, parseMarker(ops.readFile(path.join(real, MARKER_FILE))), ops) : foreignEntry(real, ops);
  if (problem) refuse(`it holds ${problem}`, MOVE_OUT);
}

/** The first entry a marker does not account for, with why; undefined when there is none. */
function unlistedEntry(root: string, listed: ReadonlySet<string>, ops: OutputFs): string | undefined {
  const folders = new Set<string>();
  for (const f of listed) for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) folders.add(f.slice(0, i));
  return walk(root, '', ops, (rel, entry) => {
    if (entry.isDirectory()) return folders.has(rel) ? 'descend' : `${rel}/, a folder synth did not write`;
    if (!entry.isFile()) return `${rel}, ${entryKind(entry)}, which synth did not write`;
    return listed.has(rel) || rel === MARKER_FILE ? 'ok' : `${rel}, which synth did not write (${MARKER_FILE} does not list it)`;
  });
}

/** For a folder without the marker: the first entry that is not a folder or a file of Kubernetes YAML, with why. */
function foreignEntry(root: string, ops: OutputFs): string | undefined {
  return walk(root, '', ops, (rel, entry) => {
    if (entry.isDirectory()) return 'descend';
    if (!entry.isFile()) return `${rel}, ${entryKind(entry)}, which synth did not write`;
    if (!/\.ya?ml$/.test(entry.name)) return `${rel}, which synth did not write`;
    return isKubernetesYaml(ops.readFile(path.join(root, rel))) ? 'ok' : `${rel}, which is not Kubernetes YAML, so synth did not write it`;
  });
}

/** True when every document is empty or a mapping with apiVersion and kind, as synth writes them. */
function isKubernetesYaml(text: string): boolean {
  try {
    return parseDocuments(text).every(
      (d) => isRecord(d.value) && typeof d.value.apiVersion === 'string' && typeof d.value.kind === 'string',
    );
  } catch {
    return false;
  }
}

/**
 * Visits every entry under `root/rel` in name order; `check` says 'descend' (a folder to enter), 'ok', or why the
 * entry is refused, which stops the walk and is returned.
 */
function walk(root: string, rel: string, ops: OutputFs, check: (rel: string, entry: fs.Dirent) => string): string | undefined {
  const entries = ops.readdir(path.join(root, rel)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    const verdict = check(child, entry);
    if (verdict === 'descend') {
      const found = walk(root, child, ops, check);
      if (found) return found;
    } else if (verdict !== 'ok') {
      return verdict;
    }
  }
  return undefined;
}
