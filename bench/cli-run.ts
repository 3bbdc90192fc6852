/**
 * Runs the CLI as `cdk8s-istio <args>` does, then prints one JSON line on stderr with its exit code and peak
 * memory, for bench/scale.ts:  node lib/bench/cli-run.js analyze big.yaml
 */
import { main } from '../src/cli/main';

/** The last stderr line of a run. */
export interface CliRunReport {
  readonly code: number;
  /** process.resourceUsage().maxRSS, in kilobytes. */
  readonly maxRssKb: number;
}

/** The report in a child's stderr (its last line), or undefined when the child printed none. */
export function parseCliRunReport(stderr: string): CliRunReport | undefined {
  const last = stderr.trimEnd().split('\n').pop() ?? '';
  try {
    const parsed: unknown = JSON.parse(last);
    const report = parsed as Partial<CliRunReport>;
    return typeof report.code === 'number' && typeof report.maxRssKb === 'number'
      ? { code: report.code, maxRssKb: report.maxRssKb }
      : undefined;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      const report: CliRunReport = { code, maxRssKb: process.resourceUsage().maxRSS };
      process.stderr.write(`${JSON.stringify(report)}\n`);
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
