import * as path from 'path';
import * as v8 from 'v8';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { runAnalysis } from '../../engine/analysis/analyze';
import { DEFAULT_ROOT_NAMESPACE, ObjectIndex } from '../../engine/analysis/index-objects';
import { type Level, LEVELS, levelRank } from '../../engine/analysis/rule';
import { ALL_RULES } from '../../engine/analysis/rules';
import { parseRuleAssignment, resolveAnalysisSettings, type RuleSetting } from '../../engine/analysis/settings';
import { isRecord, type KubeObject } from '../../engine/k8s/object';
import { parseDocuments } from '../../engine/yaml/documents';
import { splitYamlStream } from '../../engine/yaml/split';
import { UserError } from '../../errors';
import { CliError, inputError, sizeText, withExitCode } from '../errors';
import { readFileChunks, readStdinChunks, type ReadOptions, yamlFiles } from '../input';
import { StdoutSink } from '../output';
import { type ReportFormat, writeReport } from './analyze-report';

interface AnalyzeOptions {
  readonly output: ReportFormat;
  readonly failureThreshold: Level;
  readonly rootNamespace: string;
  readonly listRules?: boolean;
  readonly rule?: string[];
  readonly suppress?: string[];
}

/** Exit codes, as the help states them. */
const FINDINGS = 1;
const BAD_INPUT = 2;

/**
 * Every object stays in memory (rules relate objects across files), and parsed objects take 4 to 8 times the
 * bytes of their YAML (measured: ConfigMaps 4.1x, Deployments 7.2x, with the index). So the input is capped at a
 * twelfth of Node's heap limit: 345 MiB with the default heap of 64-bit Node on a machine with 16 GiB or more.
 * NODE_OPTIONS=--max-old-space-size=<MiB> raises both.
 */
export function inputBudgetBytes(): number {
  return Math.floor(v8.getHeapStatistics().heap_size_limit / 12);
}

const EXAMPLES = `
Examples:
  cdk8s-istio analyze dist/
  cdk8s-istio analyze manifests/ crds.yaml --output json
  helm template ... | cdk8s-istio analyze - --failure-threshold warning
  cdk8s-istio analyze dist/ --rule CDK8SI011=warning --suppress "IST0102=Namespace legacy"

Exit codes: 0 no finding at or above the threshold, 1 some finding at or above it, 2 unreadable input or bad arguments.
Suppress findings with --suppress "<code>=<Kind> <name>[.<namespace>]" (* wildcards; a namespaced object is
name.namespace), or for one object with the annotation galley.istio.io/analyze-suppress: "<code>[,<code>...]".
Folders are searched for *.yaml and *.yml; FIFOs, sockets and devices in them are skipped with a warning.
Input is capped at ${sizeText(inputBudgetBytes())} in total (a twelfth of Node's heap limit), a document at 64 MiB.`;

/** `analyze`: runs the mesh analysis rules over YAML files and reports findings. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('check Kubernetes and Istio YAML for mesh problems (injection, mTLS, annotations, ports, webhooks, CRD schemas)')
    .argument('[inputs...]', 'YAML files, directories (searched recursively for *.yaml and *.yml), or - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--failure-threshold <level>',
      'exit 1 when a finding has this level or a higher one (info, warning, error)',
      parseLevel,
      'error',
    )
    .option('--root-namespace <name>', 'Istio root namespace: PeerAuthentications there are mesh-wide', DEFAULT_ROOT_NAMESPACE)
    .option('--rule <code=setting>', 'turn a rule off or change its level: <code>=off|info|warning|error; repeatable', collect)
    .option(
      '--suppress <pattern>',
      'drop findings: "<code>=<Kind> <name>[.<namespace>]" with * wildcards, as istioctl; repeatable or comma-separated',
      collect,
    )
    .option('--list-rules', 'print the rules (code, level, title) and exit')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], options: AnalyzeOptions) => runAnalyze(inputs, options));
}

async function runAnalyze(inputs: readonly string[], options: AnalyzeOptions): Promise<void> {
  if (options.listRules) {
    const rules = [...ALL_RULES].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const sink = new StdoutSink(process.stdout, 0);
    await sink.write(rules.map((r) => `${r.code}\t${r.level}\t${r.title}\n`).join(''));
    await sink.commit();
    return;
  }
  if (inputs.length === 0) throw new CliError('no input: name YAML files, directories, or - for standard input', BAD_INPUT);
  const settings = withBadInput(() => {
    const rules: Record<string, RuleSetting> = {};
    for (const entry of options.rule ?? []) {
      const [code, setting] = parseRuleAssignment(entry);
      rules[code] = setting;
    }
    return resolveAnalysisSettings({ rules, suppress: options.suppress }, ALL_RULES, { rules: '--rule', suppress: '--suppress' });
  });
  const index = new ObjectIndex([], { rootNamespace: options.rootNamespace });
  await loadInputs(inputs, index, inputBudgetBytes());
  const result = runAnalysis(index, settings);
  await writeReport(new StdoutSink(process.stdout, 0), result, index.size, options.output);
  const failing = result.findings.filter((f) => levelRank(f.level) >= levelRank(options.failureThreshold)).length;
  if (failing > 0) throw new CliError(`analysis found ${failing} finding(s) at or above level ${options.failureThreshold}`, FINDINGS);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseLevel(value: string): Level {
  if ((LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new InvalidArgumentError(`"${value}" is not one of ${LEVELS.join(', ')}.`);
}

/** Runs `run`; a UserError it throws ends the command with exit code 2 (bad arguments or unreadable input). */
function withBadInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw withExitCode(error, BAD_INPUT);
  }
}

/**
 * Streams every input into the index, document batch by document batch, with file and line. A file named twice
 * (itself and through its folder) is read once. Unreadable input, or more than `budget` bytes in all, ends the
 * command with exit code 2.
 */
export async function loadInputs(inputs: readonly string[], index: ObjectIndex, budget: number): Promise<void> {
  let used = 0;
  const read: Omit<ReadOptions, 'what' | 'maxBytes'> = {
    tooLarge: (file) =>
      `${file}: the input is over ${sizeText(budget)} in total: analyze fewer files at once, or raise Node's heap ` +
      '(NODE_OPTIONS=--max-old-space-size=<MiB>; the cap is a twelfth of it)',
    onBytes: (bytes) => (used += bytes),
  };
  const seen = new Set<string>();
  const warn = (line: string) => process.stderr.write(`warning: ${line}\n`);
  for (const input of inputs) {
    if (input === '-') {
      await loadStream(readStdinChunks({ ...read, what: 'standard input', maxBytes: budget - used }), '<stdin>', index);
      continue;
    }
    for (const file of withBadInput(() => yamlFiles(input, warn))) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      await loadStream(readFileChunks(file, { ...read, what: 'input file', maxBytes: budget - used }), file, index);
    }
  }
}

async function loadStream(chunks: AsyncIterable<string>, file: string, index: ObjectIndex): Promise<void> {
  try {
    for await (const piece of splitYamlStream(chunks, { mode: 'batches', source: file })) {
      for (const doc of parseDocuments(piece.text, file, piece.line)) addObjects(doc.value, file, doc.line, index);
    }
  } catch (error) {
    throw withExitCode(inputError(error, file, 'input file'), BAD_INPUT);
  }
}

/** A document's objects (a `List` contributes its items) go into the index with their file and line. */
function addObjects(value: unknown, file: string, line: number, index: ObjectIndex): void {
  const items = isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
  for (const item of items) {
    if (!isRecord(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
      throw new UserError(`${file}:${line}: not a Kubernetes object (apiVersion and kind are required)`);
    }
    const object = (isRecord(item.metadata) ? item : { ...item, metadata: {} }) as KubeObject;
    index.add({ object, source: { file, line } });
  }
}
