import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Data flows one way: model and engine (plain functions on plain objects, no cdk8s) under core (what constructs and
// synth share), under constructs and synth (which never import each other), under the CLI and the entry points.
const SRC = path.join(__dirname, '..', '..', 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too), require() and import(). */
function specifiers(text: string): string[] {
  const pattern = /(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)'([^']+)'/g;
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

/** A specifier as a path under src/ ('synth/plan'), or the package name ('cdk8s') for packages. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path
    .relative(SRC, path.resolve(path.dirname(file), specifier))
    .split(path.sep)
    .join('/');
}

/** The layer of a file under src/: its top folder, or its name for the files at the top. */
function layer(srcPath: string): string {
  return srcPath.includes('/') ? srcPath.slice(0, srcPath.indexOf('/')) : srcPath.replace(/\.ts$/, '');
}

const CDK8S = /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/;

/** What each layer must not import: layers above it, and (for the plain layers) cdk8s. */
const FORBIDDEN: Readonly<Record<string, { readonly layers: readonly string[]; readonly cdk8s: boolean }>> = {
  model: { layers: ['engine', 'core', 'constructs', 'synth', 'cli'], cdk8s: true },
  engine: { layers: ['core', 'constructs', 'synth', 'cli'], cdk8s: true },
  core: { layers: ['constructs', 'synth', 'cli'], cdk8s: false },
  constructs: { layers: ['synth', 'cli'], cdk8s: false },
  synth: { layers: ['constructs', 'cli'], cdk8s: false },
};

/** Whether Node would load cdk8s-plus-27 for this source: transpiling drops imports used only as types. */
function loadsKplusAtRunTime(text: string): boolean {
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  return /require\("cdk8s-plus-27"\)/.test(js);
}

/** The example app and its entry point: only they may use cdk8s-plus-27 at run time, and nothing imports them. */
const EXAMPLE = /^(example[^/]*|main)\.ts$/;

const files = tsFiles(SRC).map((full) => ({ full, src: path.relative(SRC, full).split(path.sep).join('/') }));

function offenders(check: (from: string, to: string) => boolean): string[] {
  return files.flatMap(({ full, src }) =>
    specifiers(fs.readFileSync(full, 'utf-8'))
      .map((s) => target(full, s))
      .filter((to) => check(src, to))
      .map((to) => `${src} -> ${to}`),
  );
}

describe('layering', () => {
  test('finds the sources of every layer', () => {
    for (const name of Object.keys(FORBIDDEN)) expect(files.filter((f) => layer(f.src) === name).length).toBeGreaterThan(3);
  });

  test.each(Object.keys(FORBIDDEN))('%s imports no layer above it', (name) => {
    const rule = FORBIDDEN[name];
    const bad = offenders((from, to) => layer(from) === name && !CDK8S.test(to) && rule.layers.includes(layer(to)));
    expect(bad).toEqual([]);
  });

  test('model and engine import no cdk8s, cdk8s-plus or constructs', () => {
    const bad = offenders((from, to) => FORBIDDEN[layer(from)]?.cdk8s === true && CDK8S.test(to));
    expect(bad).toEqual([]);
  });

  test('nothing but the example app imports the example app', () => {
    const bad = offenders((from, to) => !EXAMPLE.test(from) && EXAMPLE.test(`${to}.ts`));
    expect(bad).toEqual([]);
  });

  test('no library file loads cdk8s-plus-27 at run time (an optional peer dependency); type-only imports are fine', () => {
    const bad = files
      .filter(({ src }) => !EXAMPLE.test(src))
      .filter(({ full }) => loadsKplusAtRunTime(fs.readFileSync(full, 'utf-8')))
      .map(({ src }) => src);
    expect(bad).toEqual([]);
  });
});

describe('the checks of this file', () => {
  test('read every kind of import, and resolve relative ones under src/', () => {
    const text = "import { a } from '../synth/plan';\nimport type { B } from 'cdk8s';\nexport * from './x';\nconst c = require('yaml');";
    expect(specifiers(text)).toEqual(['../synth/plan', 'cdk8s', './x', 'yaml']);
    expect(target(path.join(SRC, 'constructs', 'gitops', 'common.ts'), '../../synth/plan')).toBe('synth/plan');
    expect(layer('synth/plan')).toBe('synth');
    expect(layer('errors.ts')).toBe('errors');
  });

  test('tell a run-time use of cdk8s-plus-27 from a type-only one', () => {
    expect(loadsKplusAtRunTime("import * as kplus from 'cdk8s-plus-27';\nexport const d = kplus.Deployment;")).toBe(true);
    expect(loadsKplusAtRunTime("import type * as kplus from 'cdk8s-plus-27';\nexport let d: kplus.Deployment;")).toBe(false);
    expect(loadsKplusAtRunTime("import * as kplus from 'cdk8s-plus-27';\nexport let d: kplus.Deployment;")).toBe(false);
  });
});
