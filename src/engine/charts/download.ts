import * as fs from 'fs';
import { runProcess } from '../process/runner';
import { redactUrls } from './redact-url';

/** Largest body accepted unless told otherwise (an index.yaml or a chart archive is far smaller). */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

export interface DownloadOptions {
  /** Refuse a body larger than this many bytes. @default DEFAULT_MAX_DOWNLOAD_BYTES (50 MiB) */
  readonly maxBytes?: number;
  /** Give up when connecting, or any wait for more data, takes longer than this. @default 30 s */
  readonly idleTimeoutMs?: number;
  /** Give up when the whole download takes longer than this. @default 120 s */
  readonly timeoutMs?: number;
}

/**
 * A child node process does the HTTP request: constructors render synchronously, and Node has no synchronous
 * HTTP client. It streams the body to `<dest>.part` (so memory stays small whatever the server sends), counts
 * the bytes, stops at the cap or a timeout, and renames only a complete body into place. Its settings arrive
 * on stdin, so a URL with credentials never shows in the process list; fetch refuses URLs with credentials,
 * so they travel as a Basic Authorization header (fetch drops it on a redirect to another origin).
 */
const SCRIPT = `
const fs = require('fs');
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  const { url: href, dest, maxBytes, idleMs, totalMs } = JSON.parse(input);
  const part = dest + '.part';
  const controller = new AbortController();
  const stop = (why) => controller.abort(new Error(why));
  let idle;
  const poke = () => { clearTimeout(idle); idle = setTimeout(() => stop('no data for ' + idleMs / 1000 + ' s'), idleMs); };
  setTimeout(() => stop('did not finish within ' + totalMs / 1000 + ' s'), totalMs).unref();
  const tooBig = () => new Error('larger than the limit of ' + maxBytes + ' bytes; refusing it');
  const url = new URL(href);
  const headers = {};
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
    headers.authorization = 'Basic ' + Buffer.from(user).toString('base64');
    url.username = '';
    url.password = '';
  }
  (async () => {
    poke();
    const res = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + res.statusText);
    if (Number(res.headers.get('content-length')) > maxBytes) throw tooBig();
    const out = fs.openSync(part, 'w');
    let size = 0;
    for await (const chunk of res.body) {
      poke();
      size += chunk.length;
      if (size > maxBytes) throw tooBig();
      fs.writeSync(out, chunk);
    }
    fs.closeSync(out);
    fs.renameSync(part, dest);
    process.exit(0);
  })().catch((e) => {
    fs.rmSync(part, { force: true });
    const reason = e && e.cause ? e.cause.message || String(e.cause) : (e && e.message) || String(e);
    process.stderr.write(String(reason).split('\\n')[0]);
    process.exit(1);
  });
});
`;

/**
 * Downloads `url` to `dest` with a size cap, an idle timeout and a total timeout. Returns undefined on success,
 * else a one-line reason (without the URL: callers name it, redacted). Leaves no partial file behind.
 */
export function download(url: string, dest: string, options: DownloadOptions = {}): string | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const totalMs = options.timeoutMs ?? 120_000;
  const idleMs = Math.min(options.idleTimeoutMs ?? 30_000, totalMs);
  const input = JSON.stringify({ url, dest, maxBytes, idleMs, totalMs });
  // The child stops itself at totalMs; this backstop kills it should it hang anyway (e.g. in a blocking write).
  const result = runProcess(process.execPath, ['-e', SCRIPT], { input, timeoutMs: totalMs + 10_000 });
  if (result.status === 0 && !result.error) return undefined;
  // A child killed at the backstop could not clean up after itself.
  fs.rmSync(`${dest}.part`, { force: true });
  if (result.timedOut) return `did not finish within ${totalMs / 1000} s`;
  if (result.error) return result.error.message;
  return redactUrls(result.stderr.trim().split('\n')[0]) || `download exited with ${result.status}`;
}
