/**
 * The file that says an output folder belongs to synth: plain text (not .yaml or .json, so Argo CD, Flux and kustomize
 * never read it as a manifest), a comment line, then the files synth wrote, sorted, one per line (`/`-separated).
 * It is part of the output, so `check` compares it like any other file.
 */
export const MARKER_FILE = '.cdk8s-istio-output';

const HEADER = '# Written by cdk8s-istio synth, which replaces this folder whole: files added here are refused, not kept.';

/** The marker's content for an output of `files` (relative paths); the same files give the same bytes. */
export function markerText(files: Iterable<string>): string {
  // Code-unit order, not localeCompare: the same bytes on every machine.
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${HEADER}\n${sorted.map((f) => `${f}\n`).join('')}`;
}

/** The files a marker lists (every line after the comment line; a file may well start with `#`). */
export function parseMarker(text: string): Set<string> {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[0]?.startsWith('#')) lines.shift();
  return new Set(lines.filter((line) => line !== ''));
}
