import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from '../k8s/object';
import { cacheRoot } from './cache-dir';

/**
 * Bump when what is stored changes meaning, so old entries are never read (v3: only checked renders are stored;
 * v4: each document's template is stored with it).
 */
const FORMAT = 'render-v4';

/** Default folder of rendered charts: `<cache root>/renders` (see cacheRoot). */
export function defaultRenderCacheDir(): string {
  return path.join(cacheRoot(), 'renders');
}

/** Everything a render depends on. Any change gives a new key. */
export interface RenderKeyParts {
  readonly chartDigest: string;
  readonly values: Record<string, unknown>;
  readonly release: string;
  readonly namespace: string;
  /** Path, size and mtime of the helm binary: identifies the helm version without running it. */
  readonly helm: string;
}

export function renderKey(parts: RenderKeyParts): string {
  return createHash('sha256')
    .update(canonicalJson({ format: FORMAT, ...parts }))
    .digest('hex');
}

/** Identity of a helm binary from the file system only (running `helm version` would cost a process per synth). */
export function helmIdentity(helm: string): string {
  const real = fs.realpathSync(helm);
  const stat = fs.statSync(real);
  return `${real}:${stat.size}:${stat.mtimeMs}`;
}

/** The documents of one render, and the chart template (`templates/<file>`) each came from. */
export interface StoredRender {
  readonly documents: readonly unknown[];
  readonly templates: readonly string[];
}

/**
 * The stored render for a key, if any (an unreadable or malformed entry counts as missing).
 * Stored as JSON, not YAML: parsing the base chart's 880 kB of YAML takes about a second, JSON.parse ~20 ms.
 */
export function readRenderCache(dir: string, key: string): StoredRender | undefined {
  try {
    const stored: unknown = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf-8'));
    if (!isRecord(stored) || !Array.isArray(stored.documents) || !Array.isArray(stored.templates)) return undefined;
    const { documents, templates } = stored;
    if (templates.length !== documents.length || !templates.every((t) => typeof t === 'string')) return undefined;
    return { documents, templates: templates as string[] };
  } catch {
    return undefined;
  }
}

/** Stores a render under a key; written to a temp file and renamed, so readers never see half a file. */
export function writeRenderCache(dir: string, key: string, render: StoredRender): void {
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${key}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ documents: render.documents, templates: render.templates }));
  fs.renameSync(tmp, path.join(dir, `${key}.json`));
}

/** Deletes every stored render (the folder itself). */
export function clearRenderCache(dir: string = defaultRenderCacheDir()): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
