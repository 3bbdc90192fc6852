import { type Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors';
import { buildInjectionSettings, InjectionError, type InjectionSettings, injectYaml } from '../../engine/injection';
import { SetEntryError } from '../../engine/injection/settings';
import { isRecord } from '../../engine/k8s/object';
import { parseDocuments } from '../../engine/yaml/documents';
import { MAX_DOCUMENT_CHARS, splitYamlStream, type TextPiece } from '../../engine/yaml/split';
import { dns1123LabelError } from '../../model/names';
import { CliError, inputError, sizeText } from '../errors';
import { readFileChunks, readSmallFile, readStdinChunks, requireRegularFile } from '../input';
import { FileSink, type OutputSink, StdoutSink, STDOUT_HOLD_BACK_CHARS } from '../output';

/** Exit code for arguments the parser accepts but the command cannot use (a bad --set entry or --revision). */
const BAD_ARGUMENTS = 2;

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

Exit codes: 0 success, 1 bad input (the -o file is not written; standard output stays empty unless the output
before the failing document was over ${sizeText(STDOUT_HOLD_BACK_CHARS)}, which streams), 2 bad arguments (a --set entry or --revision included).
The input streams document by document (no size cap for the stream); one document may hold at most
${sizeText(MAX_DOCUMENT_CHARS)}. A FIFO, socket or device named with -f is refused: pipe it to -f - instead.`;

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
  if (revisionError) throw new CliError(revisionError, BAD_ARGUMENTS);
  const stdin = options.filename === '-';
  const source = stdin ? '<stdin>' : options.filename;
  if (!stdin) requireRegularFile(options.filename, 'input file');
  const settings = withArgumentErrors(() =>
    buildInjectionSettings({
      values: (options.values ?? []).map((file) => readMap(file, 'values file')),
      set: options.set,
      meshConfig: options.meshConfig === undefined ? undefined : readMap(options.meshConfig, 'mesh config file'),
      revision: options.revision,
      nativeSidecars: options.nativeSidecars,
      sources: {
        values: (options.values ?? []).map((file) => `--values ${file}`),
        meshConfig: options.meshConfig === undefined ? undefined : `--mesh-config ${options.meshConfig}`,
      },
    }),
  );
  const read = { what: 'input file' };
  const chunks = stdin ? readStdinChunks(read) : readFileChunks(options.filename, read);
  const sink: OutputSink = options.output === undefined ? new StdoutSink() : new FileSink(options.output);
  try {
    for await (const piece of splitYamlStream(chunks, { mode: 'documents', source })) {
      const result = injectPiece(piece, settings, source);
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      await sink.write(result.yaml);
    }
    await sink.commit();
  } catch (error) {
    sink.abort();
    throw inputError(error, source, 'input file');
  }
}

/** Runs `fn`; a `--set` entry it cannot apply ends the command as a bad argument (exit 2), not bad input. */
function withArgumentErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw error instanceof SetEntryError ? new CliError(error.message, BAD_ARGUMENTS) : error;
  }
}

/** One document of the stream, injected; errors name the file and the line in the whole stream. */
function injectPiece(piece: TextPiece, settings: InjectionSettings, source: string): ReturnType<typeof injectYaml> {
  try {
    return injectYaml(piece.text, settings, source, piece.line);
  } catch (error) {
    if (error instanceof InjectionError) throw new UserError(describeInjectionError(error));
    // V8 strings end at 512 MiB: only a List of thousands of workloads in one document gets there.
    if (error instanceof RangeError && /Invalid string length/.test(error.message)) {
      throw new UserError(
        `${source}:${piece.line}: the injected document starting here is over 512 MiB: split it (a List can be written as its items, one document each)`,
      );
    }
    throw error;
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseBoolean(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError(`"${value}" is not true or false.`);
}

/** Values and mesh config files are read whole: a few KiB in practice, so a far bigger one is a mistake. */
const MAX_SETTINGS_FILE_BYTES = 16 * 1024 * 1024;

/** A values or mesh config file: one YAML map (an empty file counts as an empty map). */
function readMap(file: string, what: string): Record<string, unknown> {
  let docs;
  try {
    docs = parseDocuments(readSmallFile(file, what, MAX_SETTINGS_FILE_BYTES), file);
  } catch (error) {
    throw inputError(error, file, what);
  }
  if (docs.length === 0) return {};
  if (docs.length > 1) throw new UserError(`${file}:${docs[1].line}: a ${what} holds one YAML document; merge the documents into one map`);
  if (!isRecord(docs[0].value)) throw new UserError(`${file}:${docs[0].line}: a ${what} must be a YAML map of settings`);
  return docs[0].value;
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
