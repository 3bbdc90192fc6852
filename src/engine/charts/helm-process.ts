/** Limits and messages of the helm processes this package starts (`helm template`, `helm pull`). */
import { UserError } from '../../errors';

/** How long one helm process (template, pull) may run unless told otherwise. */
export const DEFAULT_HELM_TIMEOUT_MS = 120_000;

/** The environment variable that sets the helm limit, in seconds, for every helm call. */
export const HELM_TIMEOUT_ENV = 'CDK8S_ISTIO_HELM_TIMEOUT';

/** The limit for one helm process: the explicit one (a construct's renderTimeout), else CDK8S_ISTIO_HELM_TIMEOUT, else 120 s. */
export function helmTimeoutMs(explicit?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (explicit !== undefined) {
    if (!(explicit > 0) || !Number.isFinite(explicit)) {
      throw new UserError(`renderTimeout of ${explicit} ms is not a positive duration; give e.g. Duration.minutes(5)`);
    }
    return explicit;
  }
  const text = env[HELM_TIMEOUT_ENV];
  if (text === undefined || text === '') return DEFAULT_HELM_TIMEOUT_MS;
  const seconds = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(seconds > 0)) {
    throw new UserError(`${HELM_TIMEOUT_ENV}=${JSON.stringify(text)} is not a number of seconds; set it to e.g. 300, or unset it for 120`);
  }
  return Math.round(seconds * 1000);
}

/** One line for a helm run stopped at its limit: the command, the limit and how to raise it. */
export function helmTimedOut(command: string, timeoutMs: number): string {
  return (
    `${command} did not finish within ${timeoutMs / 1000} s and was stopped; ` +
    `raise the limit with the construct's renderTimeout prop or ${HELM_TIMEOUT_ENV}=<seconds>`
  );
}

/**
 * helm's reason for failing, on one line: the last line starting with `Error:` (helm prints its error last,
 * after any warnings), else the non-empty lines joined. An `Error:` line ending in ':' introduces a list (a
 * values.schema.json failure names each bad value below it), so the lines after it are kept.
 */
export function helmErrorLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = lines.map((l) => l.startsWith('Error:')).lastIndexOf(true);
  if (at < 0) return lines.join('; ') || undefined;
  const error = lines[at].endsWith(':') ? lines.slice(at).join(' ') : lines[at];
  return error.replace(/^Error: /, '') || undefined;
}
