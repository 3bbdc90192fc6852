import * as fs from 'fs';
import * as path from 'path';
import { type Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors';
import { buildInjectionSettings, InjectionError, injectYaml } from '../../engine/injection';
import { isRecord } from '../../engine/k8s/object';
import { parseDocuments, YamlParseError } from '../../engine/yaml/documents';
import { dns1123LabelError } from '../../model/names';

interface InjectOptions {
  readonly filename: string;
  readonly output?: string;
  readonly values?: string[];
  readonly set?: string[];
  readonly meshConfig?: string;
  readonly nativeSidecars?: boolean;
  readonly revision?: string;
}

const EXAMPLES = `
Examples:
  cdk8s-istio inject -f deployment.yaml > deployment.injected.yaml
  kubectl create deployment web --image=nginx --dry-run=client -o yaml | cdk8s-istio inject -f -
  cdk8s-istio inject -f app.yaml -o app.injected.yaml --set global.proxy.logLevel=debug --revision canary

Exit codes: 0 success, 1 bad input (nothing is written to stdout or the -o file), 2 bad arguments.`;

/** `inject`: adds the Istio 1.30.3 sidecar to the workloads of a YAML stream, like `istioctl kube-inject`. */
export function registerInject(program: Command): void {
  program
    .command('inject')
    .description('add the Istio 1.30.3 sidecar to the pods, pod templates and lists of a YAML stream, offline (like istioctl kube-inject)')
    .requiredOption('-f, --filename <file>', 'YAML to inject: a file, or - for standard input')
    .option('-o, --output <file>', 'write the result to this file instead of stdout; written only when every document succeeds')
    .option(
      '--values <file>',
      'values file (the injection values tree, e.g. global.proxy.*) deep-merged over the chart defaults; repeatable, later files win; lists replace, null removes a key',
      collect,
    )
    .option(
      '--set <path=value>',
      'set one value after the values files, as helm --set: dotted path, list[n] indexes; true/false and numbers are typed, commas do not split, null removes the key; repeatable',
      collect,
    )
    .option(
      '--mesh-config <file>',
      'MeshConfig overlay (YAML with MeshConfig field names, e.g. defaultConfig.holdApplicationUntilProxyStarts) over the default mesh config',
    )
    .option(
      '--native-sidecars [enabled]',
      'run istio-proxy as a native sidecar (an init container with restartPolicy Always); --native-sidecars=false puts it under containers (default: true; the pod annotation sidecar.istio.io/nativeSidecar still wins)',
      parseBoolean,
    )
    .option(
      '--revision <name>',
      'control-plane revision the sidecars connect to; shows in istio.io/rev and the sidecar status (default: the default revision)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (options: InjectOptions) => runInject(options));
}

async function runInject(options: InjectOptions): Promise<void> {
  const revisionError = options.revision === undefined ? undefined : dns1123LabelError(options.revision, '--revision');
  if (revisionError) throw new UserError(revisionError);
  const source = options.filename === '-' ? '<stdin>' : options.filename;
  const input = options.filename === '-' ? await readStdin() : readText(options.filename, 'input file');
  const settings = buildInjectionSettings({
    values: (options.values ?? []).map((file) => readMap(file, 'values file')),
    set: options.set,
    meshConfig: options.meshConfig === undefined ? undefined : readMap(options.meshConfig, 'mesh config file'),
    revision: options.revision,
    nativeSidecars: options.nativeSidecars,
  });
  const result = withUserErrors(() => injectYaml(input, settings, source));
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (options.output === undefined) process.stdout.write(result.yaml);
  else writeFileAtomically(options.output, result.yaml);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseBoolean(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError(`"${value}" is not true or false.`);
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UserError(`cannot read ${what} ${file}: ${reason}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A values or mesh config file: one YAML map (an empty file counts as an empty map). */
function readMap(file: string, what: string): Record<string, unknown> {
  const docs = withUserErrors(() => parseDocuments(readText(file, what), file));
  if (docs.length === 0) return {};
  if (docs.length > 1) throw new UserError(`${file}:${docs[1].line}: a ${what} holds one YAML document; merge the documents into one map`);
  if (!isRecord(docs[0].value)) throw new UserError(`${file}:${docs[0].line}: a ${what} must be a YAML map of settings`);
  return docs[0].value;
}

/** Turns the engines' input errors into UserErrors, so the CLI prints them without a stack trace. */
function withUserErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof YamlParseError) throw new UserError(`${error.source}:${error.line}: invalid YAML: ${error.reason}`);
    if (error instanceof InjectionError) throw new UserError(describeInjectionError(error));
    throw error;
  }
}

/** The engine's message, with the document and field added when the message does not name them yet. */
function describeInjectionError(error: InjectionError): string {
  let message = error.message;
  if (error.document && !mentions(message, error.document)) {
    // After a leading `file:line: `, so the location stays first.
    const location = /^[^\s]*:\d+: /.exec(message)?.[0] ?? '';
    message = `${location}${error.document}: ${message.slice(location.length)}`;
  }
  if (error.field && !mentions(message, error.field)) message = `${message} (field ${error.field})`;
  return message;
}

/** True when `text` holds `word` as a whole token (so "traffic" is not found in "traffic.sidecar.istio.io"). */
function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s:("'])${escaped}($|[\\s:)"',;])`).test(text);
}

/** Writes through a temporary sibling and a rename, so a failed run never leaves half a file. */
function writeFileAtomically(file: string, content: string): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, content);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw new UserError(`cannot write output file ${file}: ${(error as Error).message}`);
  }
}
