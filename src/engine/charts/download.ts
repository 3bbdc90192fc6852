import { runProcess } from '../process/runner';

/**
 * A child node process does the HTTP request: constructors render synchronously, and Node has no
 * synchronous HTTP client. It writes to `<dest>.part` and renames, so a broken download never looks complete.
 */
const SCRIPT = `
const fs = require('fs');
const [url, dest, timeout] = process.argv.slice(1);
fetch(url, { signal: AbortSignal.timeout(Number(timeout)), redirect: 'follow' })
  .then(async (res) => {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' ' + res.statusText);
    fs.writeFileSync(dest + '.part', Buffer.from(await res.arrayBuffer()));
    fs.renameSync(dest + '.part', dest);
  })
  .catch((e) => { process.stderr.write(String(e && e.cause ? e.cause.message || e.cause : e.message || e)); process.exit(1); });
`;

/** Downloads `url` to `dest`. Returns undefined on success, else a one-line reason. */
export function download(url: string, dest: string, timeoutMs = 120_000): string | undefined {
  const result = runProcess(process.execPath, ['-e', SCRIPT, url, dest, String(timeoutMs)]);
  if (result.error) return result.error.message;
  if (result.status !== 0) return result.stderr.trim().split('\n')[0] || `download exited with ${result.status}`;
  return undefined;
}
