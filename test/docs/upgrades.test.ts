// The walkthrough of docs/upgrades.md, run. Every step's code is taken from the page itself and executed (with the
// fixture charts of both versions in place of Istio's), so the page and these tests cannot drift apart: a step whose
// code, diff or "Rolls" line changes is tested as it now reads.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Construct } from 'constructs';
import * as ts from 'typescript';
import * as lib from '../../src';
import { analyze } from '../../src/engine/analysis/analyze';
import { levelRank } from '../../src/engine/analysis/rule';
import { type KubeObject } from '../../src/engine/k8s/object';
import { parseDocuments } from '../../src/engine/yaml/documents';
import { FIXTURE_CHARTS, fixtureCharts1_29 } from '../engine/charts/test-helpers';
import { at } from '../support/json';

const PAGE = path.join(__dirname, '..', '..', 'docs', 'upgrades.md');
const TEAMS = ['shop', 'payments', 'staging', 'legacy', 'tools'];
const OLD = '1-29-6';
/** The line of the old revision's Istiod in a step's code (step 8 removes it). */
const OLD_ISTIOD = /^new Istiod\(controlPlane, 'Istiod-1-29-6', .*\n/m;

/**
 * What each canary step should change: the namespaces whose workloads roll, the Namespace objects relabeled, and the
 * objects outside the teams' namespaces added (+), removed (-) or changed (~). Steps 1 and 8 add or remove a whole
 * istiod, checked by name instead.
 */
const CANARY: readonly {
  readonly rolls: readonly string[];
  readonly relabels?: readonly string[];
  readonly controlPlane?: readonly string[];
}[] = [
  { rolls: [] },
  { rolls: [] },
  {
    rolls: ['staging'],
    relabels: ['staging'],
    controlPlane: ['+MutatingWebhookConfiguration /istio-revision-tag-canary', '+Service istio-system/istiod-revision-tag-canary'],
  },
  {
    rolls: ['shop', 'payments'],
    controlPlane: ['~MutatingWebhookConfiguration /istio-revision-tag-prod', '~Service istio-system/istiod-revision-tag-prod'],
  },
  {
    rolls: ['legacy'],
    controlPlane: [
      '~MutatingWebhookConfiguration /istio-revision-tag-default',
      '~Service istio-system/istiod-revision-tag-default',
      '~ValidatingWebhookConfiguration /istiod-default-validator',
    ],
  },
  { rolls: [], relabels: ['staging'], controlPlane: [] },
  {
    rolls: [],
    controlPlane: ['-MutatingWebhookConfiguration /istio-revision-tag-canary', '-Service istio-system/istiod-revision-tag-canary'],
  },
  { rolls: [], controlPlane: ['~Deployment istio-system/istiod-1-29-6'] },
  { rolls: [] },
];

// ---- The page ------------------------------------------------------------------------------------------------------

interface Section {
  readonly title: string;
  readonly blocks: readonly { readonly lang: string; readonly code: string }[];
  /** The namespaces of its `**Rolls:**` line (empty for "nothing"), or undefined without one. */
  readonly rolls: readonly string[] | undefined;
}

/** The page's `###`/`##` sections with their fenced blocks and their "Rolls" line. */
function sections(text: string): Section[] {
  return text.split(/^(?=##+ )/m).map((part) => {
    const blocks = [...part.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2] }));
    const rolls = /^\*\*Rolls:\*\* (.*)$/m.exec(part)?.[1];
    return {
      title: part.split('\n')[0],
      blocks,
      rolls: rolls === undefined ? undefined : rolls === 'nothing' ? [] : rolls.split(', '),
    };
  });
}

const page = sections(fs.readFileSync(PAGE, 'utf-8'));
const steps = CANARY.map((_, n) => {
  const section = page.find((s) => s.title.startsWith(`### Step ${n}:`));
  if (!section) throw new Error(`docs/upgrades.md has no section "### Step ${n}: ..."`);
  return section;
});
const inPlace = page.find((s) => s.title === '## In-place upgrade');
const codeOf = (section: Section, nth = 0) => section.blocks.filter((b) => b.lang === 'ts')[nth].code;
const diffOf = (section: Section) => section.blocks.find((b) => b.lang === 'diff')?.code ?? '';

// ---- Running a step's code -----------------------------------------------------------------------------------------

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

/**
 * The library as the page's code sees it: the chart constructs read the fixture charts (each version finds its own
 * folder), and MeshApp.synth() records what it would write instead of writing it.
 */
function fixtureLibrary(synths: Map<string, string>[]): typeof lib {
  const charts = () => ({
    sources: [lib.ChartSource.localDir(FIXTURE_CHARTS), lib.ChartSource.localDir(fixtureCharts1_29())],
    renderCacheDir: renders,
  });
  class IstioBase extends lib.IstioBase {
    constructor(scope: Construct, id: string, props: lib.IstioBaseProps = {}) {
      super(scope, id, { ...props, ...charts() });
    }
  }
  class Istiod extends lib.Istiod {
    constructor(scope: Construct, id: string, props: lib.IstiodProps = {}) {
      super(scope, id, { ...props, ...charts() });
    }
  }
  class MeshApp extends lib.MeshApp {
    constructor(props: lib.MeshAppProps = {}) {
      super({ ...props, outdir: path.join(renders, 'never-written') });
    }
    public override synth(): void {
      synths.push(this.synthFiles());
    }
  }
  return { ...lib, IstioBase, Istiod, MeshApp };
}

interface Synthesized {
  readonly objects: readonly KubeObject[];
  /** What synth printed (warnings, and findings below its failure threshold): nothing, for a clean state. */
  readonly stderr: string;
}

/** Runs a TypeScript module of the page and returns what its `app.synth()` produced. */
function run(code: string): Synthesized {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const synths: Map<string, string>[] = [];
  const library = fixtureLibrary(synths);
  // The page's other imports (cdk8s, cdk8s-plus-27) come from this test's own module registry, so they are the very
  // instances the library uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a name known only at run time, from the page
  const load = (name: string): unknown => (name === 'cdk8s-istio' ? library : require(name));
  const module = { exports: {} };
  const printed: string[] = [];
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    // The page's code is a CommonJS module once transpiled: run it as Node would, with our `require`.
    new Function('require', 'module', 'exports', js)(load, module, module.exports);
  } finally {
    stderr.mockRestore();
  }
  expect(synths).toHaveLength(1);
  const objects = [...synths[0]]
    .filter(([file]) => file.endsWith('.yaml') && !file.endsWith('kustomization.yaml'))
    .flatMap(([file, text]) => parseDocuments(text, file).map((d) => d.value as KubeObject));
  return { objects, stderr: printed.join('') };
}

/** The message of the UserError that running a module's synth throws. */
function synthError(code: string): string {
  try {
    run(code);
  } catch (error) {
    expect(error).toBeInstanceOf(lib.UserError);
    return (error as Error).message;
  }
  throw new Error('synth succeeded');
}

const canary = new Map<number, Synthesized>();
/** Step n of the canary upgrade, synthesized once. */
function step(n: number): Synthesized {
  let done = canary.get(n);
  if (!done) canary.set(n, (done = run(codeOf(steps[n]))));
  return done;
}

// ---- What changed --------------------------------------------------------------------------------------------------

const key = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
const inTeams = (o: KubeObject) =>
  TEAMS.includes(o.metadata.namespace ?? '') || (o.kind === 'Namespace' && TEAMS.includes(o.metadata.name ?? ''));

/** The objects of the teams' namespaces (and those Namespaces) that differ, as `<kind> <namespace>`. */
function changedInTeams(before: readonly KubeObject[], after: readonly KubeObject[]): string[] {
  const old = new Map(before.filter(inTeams).map((o) => [key(o), JSON.stringify(o)]));
  const now = after.filter(inTeams);
  expect(now.map(key).sort()).toEqual([...old.keys()].sort());
  return now
    .filter((o) => old.get(key(o)) !== JSON.stringify(o))
    .map((o) => `${o.kind} ${o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace}`)
    .sort();
}

/** The objects outside the teams' namespaces added (+), removed (-) or changed (~), sorted by key. */
function changedOutsideTeams(before: readonly KubeObject[], after: readonly KubeObject[]): string[] {
  const old = new Map(before.filter((o) => !inTeams(o)).map((o) => [key(o), JSON.stringify(o)]));
  const now = new Map(after.filter((o) => !inTeams(o)).map((o) => [key(o), JSON.stringify(o)]));
  const added = [...now.keys()].filter((k) => !old.has(k)).map((k) => `+${k}`);
  const removed = [...old.keys()].filter((k) => !now.has(k)).map((k) => `-${k}`);
  const changed = [...now.keys()].filter((k) => old.has(k) && old.get(k) !== now.get(k)).map((k) => `~${k}`);
  return [...added, ...removed, ...changed].sort((a, b) => a.slice(1).localeCompare(b.slice(1)));
}

const expectedChanges = (rolls: readonly string[], relabels: readonly string[] = []) =>
  [...rolls.map((ns) => `Deployment ${ns}`), ...relabels.map((ns) => `Namespace ${ns}`)].sort();

const deploymentIn = (objects: readonly KubeObject[], namespace: string) => {
  const found = objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === namespace);
  expect(found).toHaveLength(1);
  return found[0];
};
const proxyRevision = (o: KubeObject) => at(o, 'spec', 'template', 'metadata', 'annotations', lib.PROXY_REVISION_ANNOTATION);

/** Findings of `cdk8s-istio analyze` at warning or above, one line each. */
function problems({ objects, stderr }: Synthesized): string[] {
  const findings = analyze(objects.map((object) => ({ object })))
    .filter((f) => levelRank(f.level) >= levelRank('warning'))
    .map((f) => `${f.code} ${f.message}`);
  const printed = stderr.split('\n').filter((line) => /^(warning|error) /.test(line));
  return [...printed, ...findings];
}

/** The lines of a module as a multiset (blank lines left out), for comparing listings with diffs. */
function lineCounts(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines.filter((l) => l.trim() !== '')) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** The lines of `a` that `b` lacks, with multiplicity. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = lineCounts(b);
  return a.filter((line) => {
    if (line.trim() === '') return false;
    const n = left.get(line) ?? 0;
    left.set(line, n - 1);
    return n <= 0;
  });
}

/** Checks that a ```diff block is the change from one listing to the next: its `-` and `+` lines, its context in both. */
function expectDiffBetween(diff: string, before: string, after: string): void {
  const lines = diff.split('\n').filter((l) => l !== '@@');
  const removed = lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
  const added = lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
  const context = lines.filter((l) => l.startsWith(' ')).map((l) => l.slice(1));
  expect(removed.length + added.length).toBeGreaterThan(0);
  expect(added.sort()).toEqual(minus(after.split('\n'), before.split('\n')).sort());
  expect(removed.sort()).toEqual(minus(before.split('\n'), after.split('\n')).sort());
  for (const line of context) {
    expect(before.split('\n')).toContain(line);
    expect(after.split('\n')).toContain(line);
  }
}

// ---- The tests -----------------------------------------------------------------------------------------------------

describe('canary upgrade, step by step (docs/upgrades.md)', () => {
  test.each(CANARY.map((_, n) => n))('step %i synthesizes from the fixture charts of both versions and analyzes clean', (n) => {
    const state = step(n);
    expect(state.objects.length).toBeGreaterThan(0);
    expect(problems(state)).toEqual([]);
  });

  test.each(CANARY.map((_, n) => n).slice(1))("step %i's diff is the change from the previous step's listing to its own", (n) => {
    expectDiffBetween(diffOf(steps[n]), codeOf(steps[n - 1]), codeOf(steps[n]));
  });

  test.each(CANARY.map((expected, n) => [n, expected] as const).slice(1))(
    'step %i rolls the workloads of exactly the namespaces its "Rolls" line names, and changes nothing else there',
    (n, expected) => {
      expect(steps[n].rolls).toEqual(expected.rolls);
      const before = step(n - 1).objects;
      const after = step(n).objects;
      expect(changedInTeams(before, after)).toEqual(expectedChanges(expected.rolls, expected.relabels));
      for (const ns of expected.rolls) {
        expect(proxyRevision(deploymentIn(before, ns))).toBe(`revision=${OLD} version=1.29.6`);
        expect(proxyRevision(deploymentIn(after, ns))).toBe('revision=1-30-3 version=1.30.3');
      }
    },
  );

  test.each(CANARY.map((expected, n) => [n, expected.controlPlane] as const).filter(([, cp]) => cp !== undefined))(
    'step %i changes exactly its own objects outside the namespaces (tag webhooks and Services, validator, istiod)',
    (n, expected) => {
      expect(changedOutsideTeams(step(n - 1).objects, step(n).objects)).toEqual(expected);
    },
  );

  test('step 1 adds the objects of istiod 1-30-3 and removes nothing; step 8 removes those of 1-29-6 and adds nothing', () => {
    const installed = changedOutsideTeams(step(0).objects, step(1).objects);
    expect(installed).toContain('+Deployment istio-system/istiod-1-30-3');
    expect(installed.filter((c) => !c.startsWith('~')).every((c) => c.startsWith('+') && c.includes('1-30-3'))).toBe(true);
    const removed = changedOutsideTeams(step(7).objects, step(8).objects);
    expect(removed).toContain(`-Deployment istio-system/istiod-${OLD}`);
    expect(removed.every((c) => c.startsWith('-') && c.includes(OLD))).toBe(true);
  });

  test("moving the default tag (step 4) points base's default validator at the new revision", () => {
    const validatorService = (n: number) => {
      const validator = step(n).objects.find(
        (o) => o.kind === 'ValidatingWebhookConfiguration' && o.metadata.name === 'istiod-default-validator',
      );
      return at(validator, 'webhooks', 0, 'clientConfig', 'service', 'name');
    };
    expect(validatorService(3)).toBe(`istiod-${OLD}`);
    expect(validatorService(4)).toBe('istiod-1-30-3');
  });

  test('after step 8 nothing of the old revision is left', () => {
    const leftovers = step(8)
      .objects.filter((o) => JSON.stringify(o).includes(OLD))
      .map(key);
    expect(leftovers).toEqual([]);
    expect(step(7).objects.filter((o) => JSON.stringify(o).includes(OLD)).length).toBeGreaterThan(0);
  });

  test.each([0, 1, 2, 3])('removing the old revision after step %i, while a tag still names it, fails synth naming it', (n) => {
    const code = codeOf(steps[n]);
    expect(code).toMatch(OLD_ISTIOD);
    const [headline, ...errors] = synthError(code.replace(OLD_ISTIOD, '')).split('\n');
    expect(headline).toMatch(/^synth failed: \d+ invalid inputs?:$/);
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors)
      expect(line).toMatch(new RegExp(`revision tag '\\w+' points at revision '${OLD}', which has no istiod in this app`));
  });

  test('removing the old revision while a namespace is still on its name fails synth naming it', () => {
    const onOldName = codeOf(steps[8]).replace(
      "team('staging', InjectionMode.revision('prod'));",
      `team('staging', InjectionMode.revision('${OLD}'));`,
    );
    expect(onOldName).not.toBe(codeOf(steps[8]));
    expect(synthError(onOldName)).toMatch(new RegExp(`staging.*'${OLD}'`));
  });

  test('the page shows the error of removing the old revision right after step 3, as synth prints it', () => {
    const shown = page.find((s) => s.title === '### Removing the old revision too early')?.blocks.find((b) => b.lang === 'text')?.code;
    expect(shown?.trimEnd()).toBe(synthError(codeOf(steps[3]).replace(OLD_ISTIOD, '')));
  });

  test('removing the old revision right after step 4, once no tag or namespace uses it, works', () => {
    expect(problems(run(codeOf(steps[4]).replace(OLD_ISTIOD, '')))).toEqual([]);
  });

  test('marking the old revision draining before the tags moved warns about every namespace and tag still on it', () => {
    const drainingLine = OLD_ISTIOD.exec(codeOf(steps[7]))?.[0] ?? '';
    expect(drainingLine).toContain('draining: true');
    const early = run(codeOf(steps[2]).replace(OLD_ISTIOD, drainingLine));
    const warned = problems(early).filter((p) => p.startsWith('CDK8SI042 '));
    expect(warned.map((p) => /^CDK8SI042 (namespace|tag) '([\w-]+)'/.exec(p)?.slice(1).join(' ')).sort()).toEqual([
      'namespace legacy',
      'namespace payments',
      'namespace shop',
      'tag default',
      'tag prod',
    ]);
  });
});

describe('in-place upgrade (docs/upgrades.md)', () => {
  const section = inPlace as Section;

  test('the page has the in-place upgrade: the app before, the diff, the app after', () => {
    expect(inPlace).toBeDefined();
    expectDiffBetween(diffOf(section), codeOf(section, 0), codeOf(section, 1));
  });

  test('bumping the version of the only revision analyzes clean and rolls exactly the workloads it injects', () => {
    const before = run(codeOf(section, 0));
    const after = run(codeOf(section, 1));
    expect(problems(before)).toEqual([]);
    expect(problems(after)).toEqual([]);
    expect(section.rolls).toEqual(['shop']);
    expect(changedInTeams(before.objects, after.objects)).toEqual(expectedChanges(['shop']));
    expect(proxyRevision(deploymentIn(before.objects, 'shop'))).toBe('revision=default version=1.29.6');
    expect(proxyRevision(deploymentIn(after.objects, 'shop'))).toBe('revision=default version=1.30.3');
    expect(proxyRevision(deploymentIn(after.objects, 'tools'))).toBeUndefined();
  });
});
