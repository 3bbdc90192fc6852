/**
 * Where the Gateway API CRDs come from: a local file (optionally pinned by sha256), or a URL pinned by sha256 that is
 * downloaded once into the cache (`<cache root>/gateway-api/<sha256>.yaml`) and checked against the pin on every use.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../errors';
import { brand, hasBrand } from '../../model/brand';
import { describeValue } from '../../model/names';
import { shortValue } from '../../model/printable';
import { cacheRoot } from '../charts/cache-dir';
import { cachedArchive } from '../charts/cached-archive';
import { download } from '../charts/download';
import { redactUrl } from '../charts/redact-url';
import { removeAbandoned, tempName } from '../charts/temp-files';
import { fsUserError } from '../fs-errors';
import { entryKind } from '../fs-kind';
import { type CrdBundle, type GatewayApiChannel, readCrdBundle } from './crd-bundle';

/** The largest install file accepted: v1.5.1's experimental bundle is 1.3 MB. */
export const MAX_CRD_FILE_BYTES = 16 * 1024 * 1024;

export type CrdSourceSpec =
  | { readonly kind: 'file'; readonly path: string; readonly sha256?: string }
  | { readonly kind: 'url'; readonly url: string; readonly sha256: string; readonly cacheDir: string };

export interface GatewayApiCrdsFileOptions {
  /** Expected sha256 of the file (hex), checked on every use. @default - not checked */
  readonly sha256?: string;
}

export interface GatewayApiCrdsUrlOptions {
  /** Expected sha256 of the file (hex): checked after the download and on every later use of the cached copy. */
  readonly sha256: string;
  /** Folder that keeps the downloaded file. @default `<cache root>/gateway-api` */
  readonly cacheDir?: string;
}

/** Where the Gateway API install file comes from. */
export class GatewayApiCrdsSource {
  /** Whether `x` is a GatewayApiCrdsSource, also one from another copy of this library. */
  public static isGatewayApiCrdsSource(x: unknown): x is GatewayApiCrdsSource {
    return hasBrand(x, 'GatewayApiCrdsSource');
  }

  static {
    brand(GatewayApiCrdsSource, 'GatewayApiCrdsSource');
  }

  /** A local install file, e.g. the release's `standard-install.yaml` kept next to the app. */
  public static file(file: string, options: GatewayApiCrdsFileOptions = {}): GatewayApiCrdsSource {
    if (!file) throw new UserError('gateway api crds: the file path is empty; give the path of standard-install.yaml');
    if (typeof file !== 'string') {
      throw new UserError(
        `gateway api crds: the file path must be a string, got ${describeValue(file)}; give the path of standard-install.yaml`,
      );
    }
    return new GatewayApiCrdsSource({ kind: 'file', path: path.resolve(file), sha256: checkSha(options?.sha256) });
  }

  /**
   * An install file on the web, pinned by its sha256, e.g.
   * `https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml`.
   */
  public static url(url: string, options: GatewayApiCrdsUrlOptions): GatewayApiCrdsSource {
    if (!/^https?:\/\/\S+$/.test(url ?? '')) {
      throw new UserError(
        `gateway api crds: '${shortValue(redactUrl(String(url)))}' is not an http(s) url; write it as https://<host>/<path>`,
      );
    }
    const sha256 = checkSha(options?.sha256);
    if (!sha256) {
      throw new UserError(
        `gateway api crds: ${redactUrl(url)} needs a sha256 pin: download it once, run sha256sum on it and pass { sha256 }`,
      );
    }
    const cacheDir = path.resolve(options.cacheDir ?? path.join(cacheRoot(), 'gateway-api'));
    return new GatewayApiCrdsSource({ kind: 'url', url, sha256, cacheDir });
  }

  private constructor(public readonly spec: CrdSourceSpec) {}

  /** The file or the redacted URL, for messages. */
  public toString(): string {
    return this.spec.kind === 'file' ? this.spec.path : redactUrl(this.spec.url);
  }
}

export interface LoadedCrdBundle extends CrdBundle {
  /** sha256 of the install file. */
  readonly digest: string;
}

/** Parsed bundles by digest and channel: a synth that reads the same 1 MB file twice parses it once. */
const parsed = new Map<string, CrdBundle>();

/** Reads (downloading when needed), checks and parses the install file of `source`. */
export function loadCrdBundle(source: GatewayApiCrdsSource, channel: GatewayApiChannel, maxBytes = MAX_CRD_FILE_BYTES): LoadedCrdBundle {
  const { file, shown } = localFile(source.spec, maxBytes);
  const bytes = readCapped(file, shown, maxBytes);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const pinned = source.spec.sha256;
  if (pinned && pinned !== digest) {
    throw new UserError(
      `gateway api crd file ${shown} has sha256 ${digest}, not the pinned ${pinned}: ` +
        'use the file the pin was taken from, or pin the new one after checking it',
    );
  }
  const key = `${digest}:${channel}`;
  let bundle = parsed.get(key);
  if (!bundle) {
    bundle = readCrdBundle(bytes.toString('utf-8'), shown, channel);
    if (parsed.size >= 4) parsed.clear();
    parsed.set(key, bundle);
  }
  // Copies: the objects become props of ApiObjects, which must not share (and so change) the cached ones.
  return { ...bundle, objects: structuredClone(bundle.objects), digest };
}

/** The local path holding the file (the cached download for a URL) and how messages name it. */
function localFile(spec: CrdSourceSpec, maxBytes: number): { file: string; shown: string } {
  if (spec.kind === 'file') return { file: spec.path, shown: spec.path };
  const shown = redactUrl(spec.url);
  const file = path.join(spec.cacheDir, `${spec.sha256}.yaml`);
  const cached = cachedArchive(file, spec.sha256, 'downloaded again');
  if ('digest' in cached) return { file, shown };
  try {
    fs.mkdirSync(spec.cacheDir, { recursive: true });
    removeAbandoned(spec.cacheDir);
  } catch (error) {
    throw fsUserError(error, { path: spec.cacheDir, alternative: 'set CDK8S_ISTIO_CACHE_DIR elsewhere' }) ?? error;
  }
  const part = path.join(spec.cacheDir, tempName('gateway-api'));
  try {
    const failed = download(spec.url, part, { maxBytes });
    if (failed)
      throw new UserError(`gateway api crds: could not download ${shown} (${failed})${cached.distrust}: check the url and the network`);
    const digest = createHash('sha256').update(fs.readFileSync(part)).digest('hex');
    if (digest !== spec.sha256) {
      throw new UserError(
        `gateway api crds: ${shown} has sha256 ${digest}, not the pinned ${spec.sha256}; refusing it: ` +
          'check the url, or pin the new file after checking it',
      );
    }
    fs.renameSync(part, file);
    return { file, shown };
  } finally {
    fs.rmSync(part, { force: true });
  }
}

/** The file's bytes; a FIFO or device is refused without blocking, a file over `maxBytes` without reading it. */
function readCapped(file: string, shown: string, maxBytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UserError(`gateway api crd file ${shown} is ${entryKind(stat)}, not a file: name the install file`);
    if (stat.size > maxBytes) {
      throw new UserError(
        `gateway api crd file ${shown} is ${stat.size} bytes, over the limit of ${maxBytes}: name the Gateway API install file, not a larger manifest`,
      );
    }
    return fs.readFileSync(fd);
  } catch (error) {
    if (UserError.isUserError(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`gateway api crd file ${shown} does not exist: download the release's install file there, or fix the path`);
    }
    throw fsUserError(error, { path: shown }) ?? error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function checkSha(sha256: string | undefined): string | undefined {
  if (sha256 === undefined) return undefined;
  if (typeof sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sha256)) {
    throw new UserError(`gateway api crds: sha256 '${String(sha256)}' is not 64 hex digits: copy it from sha256sum's output`);
  }
  return sha256.toLowerCase();
}
