// Every TypeScript example in README.md and docs/*.md is type-checked against the library's source, as a user's
// file importing 'cdk8s-istio' would be, so the docs cannot drift from the API. YAML examples must parse.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const REPO = path.join(__dirname, '..', '..');

interface CodeBlock {
  readonly file: string;
  readonly line: number;
  readonly lang: string;
  readonly code: string;
}

/** Fenced code blocks (```lang ... ```) of a markdown file, with the line of their opening fence. */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(open[1].length));
    blocks.push({ file, line: start + 1, lang: open[2], code: body.join('\n') });
  }
  return blocks;
}

function docFiles(): string[] {
  const docs = path.join(REPO, 'docs');
  return [
    path.join(REPO, 'README.md'),
    ...fs
      .readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join(docs, f)),
  ];
}

const blocks = docFiles().flatMap((f) => codeBlocks(path.relative(REPO, f), fs.readFileSync(f, 'utf-8')));
const tsBlocks = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');

describe('documentation examples', () => {
  test('the docs hold TypeScript examples', () => {
    expect(tsBlocks.length).toBeGreaterThan(10);
  });

  test('every TypeScript example type-checks against the library', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-docs-'));
    try {
      const names = new Map<string, CodeBlock>();
      tsBlocks.forEach((block, i) => {
        // Each example is its own module, so examples never see each other's names.
        const name = path.join(dir, `example-${i}.ts`);
        fs.writeFileSync(
          name,
          block.code.includes('import ') || block.code.includes('export ') ? block.code : `${block.code}\nexport {};\n`,
        );
        names.set(name, block);
      });
      const program = ts.createProgram([...names.keys()], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(REPO, 'node_modules', '@types')],
        baseUrl: REPO,
        paths: { 'cdk8s-istio': ['src/index.ts'], '*': ['node_modules/*'] },
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => {
        const block = d.file ? names.get(path.resolve(d.file.fileName)) : undefined;
        const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
        if (!block || !d.file || d.start === undefined) return `${d.file?.fileName ?? '?'}: ${message}`;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${block.file}:${block.line + 1 + line}: ${message}`;
      });
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each(blocks.filter((b) => b.lang === 'yaml').map((b) => [`${b.file}:${b.line}`, b] as const))(
    'YAML example %s parses',
    (_, block) => {
      const errors = parseAllDocuments(block.code).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
      expect(errors).toEqual([]);
    },
  );
});

describe('codeBlocks', () => {
  test('finds fenced blocks with their language and the line of the opening fence', () => {
    const found = codeBlocks('x.md', 'text\n```ts\nconst a = 1;\n```\n\n```yaml\nk: v\n```\n');
    expect(found).toEqual([
      { file: 'x.md', line: 2, lang: 'ts', code: 'const a = 1;' },
      { file: 'x.md', line: 6, lang: 'yaml', code: 'k: v' },
    ]);
  });

  test('strips the indentation of a block inside a list item', () => {
    expect(codeBlocks('x.md', '- item\n  ```ts\n  const a = 1;\n  ```\n')[0].code).toBe('const a = 1;');
  });
});
