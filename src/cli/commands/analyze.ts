import * as fs from 'fs';
import * as path from 'path';
import { type Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { analyze } from '../../engine/analysis/analyze';
import { DEFAULT_ROOT_NAMESPACE } from '../../engine/analysis/index-objects';
import { type Finding, type Level, LEVELS, levelRank, type ObjectRef, type SourcedObject } from '../../engine/analysis/rule';
import { ALL_RULES } from '../../engine/analysis/rules';
import { isRecord, type KubeObject } from '../../engine/k8s/object';
import { parseDocuments, YamlParseError } from '../../engine/yaml/documents';
import { UserError } from '../../errors';

interface AnalyzeOptions {
  readonly output: 'text' | 'json';
  readonly failureThreshold: Level;
  readonly rootNamespace: string;
  readonly listRules?: boolean;
}

const EXAMPLES = `
Examples:
  cdk8s-istio analyze dist/
  cdk8s-istio analyze manifests/ crds.yaml --output json
  helm template ... | cdk8s-istio analyze - --failure-threshold warning

Exit codes: 0 no finding at or above the threshold, 1 some finding at or above it, 2 unreadable input or bad arguments.
Suppress a finding for one object with the annotation galley.istio.io/analyze-suppress: "<code>[,<code>...]".`;

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
    .option('--list-rules', 'print the rules (code, level, title) and exit')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], options: AnalyzeOptions) => runAnalyze(inputs, options));
}

async function runAnalyze(inputs: readonly string[], options: AnalyzeOptions): Promise<void> {
  if (options.listRules) {
    const rules = [...ALL_RULES].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const r of rules) process.stdout.write(`${r.code}\t${r.level}\t${r.title}\n`);
    return;
  }
  if (inputs.length === 0) unreadable('no input: name YAML files, directories, or - for standard input');
  const objects = await loadInputs(inputs);
  const findings = analyze(objects, { rootNamespace: options.rootNamespace });
  process.stdout.write(options.output === 'json' ? formatJson(findings) : formatText(findings, objects.length));
  const failing = findings.filter((f) => levelRank(f.level) >= levelRank(options.failureThreshold));
  if (failing.length > 0) {
    throw new UserError(`analysis found ${failing.length} finding(s) at or above level ${options.failureThreshold}`);
  }
}

/** The JSON output: `{ findings: [{ code, level, message, objects: [{ kind, namespace?, name, file?, line? }] }] }`. */
export function formatJson(findings: readonly Finding[]): string {
  const out = {
    findings: findings.map((f) => ({
      code: f.code,
      level: f.level,
      message: f.message,
      objects: f.objects.map((o) => ({
        kind: o.kind,
        ...(o.namespace ? { namespace: o.namespace } : {}),
        name: o.name,
        ...(o.source?.file !== undefined ? { file: o.source.file } : {}),
        ...(o.source?.line !== undefined ? { line: o.source.line } : {}),
        ...(o.source?.constructPath !== undefined ? { constructPath: o.source.constructPath } : {}),
      })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The text output: `Error [IST0102] (Namespace shop ns.yaml:1) message`, further objects on `  also:` lines. */
export function formatText(findings: readonly Finding[], objectCount: number): string {
  if (findings.length === 0) return `no findings in ${objectCount} object(s)\n`;
  const lines: string[] = [];
  for (const f of findings) {
    const [main, ...others] = f.objects;
    lines.push(`${capitalize(f.level)} [${f.code}]${main ? ` (${describeRef(main)})` : ''} ${f.message}`);
    for (const o of others) lines.push(`  also: ${describeRef(o)}`);
  }
  const counts = LEVELS.slice()
    .reverse()
    .map((l) => `${findings.filter((f) => f.level === l).length} ${l}`)
    .join(', ');
  lines.push(`${findings.length} finding(s): ${counts}`);
  return `${lines.join('\n')}\n`;
}

function describeRef(o: ObjectRef): string {
  const where =
    o.source?.file !== undefined
      ? ` ${o.source.file}${o.source.line !== undefined ? `:${o.source.line}` : ''}`
      : o.source?.constructPath !== undefined
        ? ` [${o.source.constructPath}]`
        : '';
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}${where}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function parseLevel(value: string): Level {
  if ((LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new InvalidArgumentError(`"${value}" is not one of ${LEVELS.join(', ')}.`);
}

/** Reads every input into objects with their file and line. Unreadable input ends the command with exit code 2. */
async function loadInputs(inputs: readonly string[]): Promise<SourcedObject[]> {
  const out: SourcedObject[] = [];
  const seen = new Set<string>(); // a file named twice (itself and through its folder) is read once
  for (const input of inputs) {
    if (input === '-') {
      out.push(...toObjects(await readStdin(), '<stdin>'));
      continue;
    }
    for (const file of yamlFiles(input)) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(...toObjects(readText(file), file));
    }
  }
  return out;
}

function yamlFiles(input: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    return unreadable(`cannot read ${input}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [input];
  const files: string[] = [];
  const walk = (dir: string): void => {
    // Sorted, so findings and their order do not depend on the file system.
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue; // .git, .github and the like hold no manifests
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(entry.name)) files.push(full);
    }
  };
  walk(input);
  return files;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    return unreadable(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Documents of one stream as objects; `List` documents contribute their items. */
function toObjects(text: string, file: string): SourcedObject[] {
  let docs;
  try {
    docs = parseDocuments(text, file);
  } catch (error) {
    if (error instanceof YamlParseError) return unreadable(`${error.source}:${error.line}: ${error.reason}`);
    throw error;
  }
  const out: SourcedObject[] = [];
  for (const doc of docs) {
    const items = isRecord(doc.value) && doc.value.kind === 'List' && Array.isArray(doc.value.items) ? doc.value.items : [doc.value];
    for (const item of items) {
      if (!isRecord(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
        return unreadable(`${file}:${doc.line}: not a Kubernetes object (apiVersion and kind are required)`);
      }
      const metadata = isRecord(item.metadata) ? item.metadata : {};
      out.push({ object: { ...item, metadata } as KubeObject, source: { file, line: doc.line } });
    }
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reports unreadable input and ends the command with exit code 2 (main maps a CommanderError to 2). */
function unreadable(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  throw new CommanderError(2, 'cdk8s-istio.unreadableInput', message);
}
