import { type Command, InvalidArgumentError } from 'commander';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fsUserError } from '../../engine/fs-errors';
import { isRecord } from '../../engine/k8s/object';
import { recoverOutput } from '../../engine/output/writer';
import { runProcess } from '../../engine/process/runner';
import { parseDocuments } from '../../engine/yaml/documents';
import { isUserFacing, UserError } from '../../errors';
import { diffOutputs, formatDrift, readOutputDir } from '../../synth/diff';
import { inputError } from '../errors';
import { readSmallFile } from '../input';

/** Exit codes: the output matches, it drifted, the app (or the check itself) failed. */
const IN_SYNC = 0;
const DRIFTED = 1;
const FAILED = 2;

/** `check`: synthesizes into a temporary folder and compares with the committed output. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'synthesize the app into a temporary folder and compare it with the committed output ' +
        '(exit 0: equal, 1: differs, 2: the app or the check failed)',
    )
    .option('--dist <dir>', "committed output folder (default: cdk8s.yaml's output, else dist)")
    .option('--app <command>', "command that synthesizes the app; it must write to $CDK8S_OUTDIR (default: cdk8s.yaml's app)")
    .option('--timeout <seconds>', 'stop the app command after this many seconds', parseSeconds, DEFAULT_TIMEOUT_S)
    .action((options: CheckOptions) => {
      process.exitCode = check(options);
    });
}

interface CheckOptions {
  readonly dist?: string;
  readonly app?: string;
  readonly timeout: number;
}

const DEFAULT_TIMEOUT_S = 300;

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new InvalidArgumentError('use a number of seconds above 0, e.g. 300');
  return seconds;
}

function check(options: CheckOptions): number {
  try {
    const config = readCdk8sConfig();
    const dist = options.dist ?? config.output ?? 'dist';
    const app = options.app ?? config.app;
    if (!app) throw new UserError('no app command: pass --app "<command>" or set app: in cdk8s.yaml');
    // An interrupted synth may have left the committed output moved aside: put it back before comparing.
    recoverOutput(dist);
    return compare(dist, app, options.timeout);
  } catch (error) {
    const shown = isUserFacing(error) ? error : fsUserError(error);
    if (!shown) throw error;
    process.stderr.write(`error: ${shown.message}\n`);
    return FAILED;
  }
}

function compare(dist: string, app: string, timeoutSeconds: number): number {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-check-'));
  try {
    const outdir = path.join(tmp, 'out');
    const [shell, flag] = process.platform === 'win32' ? ['cmd.exe', '/c'] : ['/bin/sh', '-c'];
    const env = { ...process.env, CDK8S_OUTDIR: outdir };
    const result = runProcess(shell, [flag, app], { env, timeoutMs: timeoutSeconds * 1000, killProcessGroup: true });
    if (result.timedOut) {
      process.stderr.write(
        `${tail(result.stderr)}error: the app did not finish within ${timeoutSeconds} s (${app}); raise --timeout, or make it faster\n`,
      );
      return FAILED;
    }
    if (result.error || result.status !== 0) {
      const reason = result.error ? result.error.message : `exit code ${result.status}`;
      process.stderr.write(`${tail(result.stderr)}error: the app failed to synth (${app}: ${reason})\n`);
      return FAILED;
    }
    if (!fs.existsSync(outdir)) {
      process.stderr.write(
        `error: ${app} wrote nothing to $CDK8S_OUTDIR: the app must write there ` + "(MeshApp's default outdir reads it)\n",
      );
      return FAILED;
    }
    const fresh = readOutputDir(outdir);
    const drift = diffOutputs(readOutputDir(dist), fresh);
    if (drift.length === 0) {
      process.stdout.write(`${dist} matches a fresh synth (${fresh.size} files)\n`);
      return IN_SYNC;
    }
    process.stdout.write(
      `${dist} differs from a fresh synth in ${drift.length} file${drift.length === 1 ? '' : 's'} ` +
        `(run the synth and commit ${dist}):\n${formatDrift(drift)}\n`,
    );
    return DRIFTED;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const CDK8S_CONFIG = 'cdk8s.yaml';
/** cdk8s.yaml is a few lines; a far bigger one is not it. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The `app` and `output` fields of ./cdk8s.yaml, when present; an unreadable one is a one-line UserError. */
function readCdk8sConfig(): { app?: string; output?: string } {
  if (!fs.existsSync(CDK8S_CONFIG)) return {};
  let doc: unknown;
  try {
    doc = parseDocuments(readSmallFile(CDK8S_CONFIG, 'cdk8s config', MAX_CONFIG_BYTES), CDK8S_CONFIG)[0]?.value;
  } catch (error) {
    throw inputError(error, CDK8S_CONFIG, 'cdk8s config');
  }
  if (!isRecord(doc)) return {};
  return {
    app: typeof doc.app === 'string' ? doc.app : undefined,
    output: typeof doc.output === 'string' ? doc.output : undefined,
  };
}

/** The last lines of the app's error output, enough to see why it failed. */
function tail(stderr: string): string {
  const lines = stderr.trimEnd().split('\n').slice(-20).join('\n');
  return lines ? `${lines}\n` : '';
}
