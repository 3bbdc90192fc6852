// The package as a user gets it: `npm pack`, then installed into fresh projects from the tarball, with the
// consumer's own cdk8s. Needs the npm registry (for cdk8s and friends); skips, saying so, when it is unreachable.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tar from 'tar';
import { TYPESCRIPT_APP, javascriptApp, type WorkloadKind } from './consumer/apps';
import {
  find,
  installProject,
  measure,
  packLibrary,
  readManifests,
  registryReachable,
  REPO,
  run,
  type Run,
} from './consumer/consumer-project';

const reachable = registryReachable();
if (!reachable) process.stderr.write('skipping the consumer test: the npm registry cannot be reached\n');

const MB = 1_000_000;
/** A consumer pays at most this much over cdk8s + constructs + cdk8s-plus-27 for this library. */
const LIBRARY_BUDGET_BYTES = 60 * MB;

let scratch = '';
let tarball = '';
let consumer = '';
let install: Run;
let sizes: { readonly baseline: number; readonly withLibrary: number; readonly awsCdkLib: string[] };
const started = Date.now();
/** Measurements, printed once at the end for the CI log. */
const measured: string[] = [];

const SUITE = 'the packed library in a consumer project';
(reachable ? describe : describe.skip)(reachable ? SUITE : `${SUITE} (skipped: the npm registry cannot be reached)`, () => {
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-consumer-'));
    tarball = packLibrary(scratch, scratch);
    // Production installs first, for the size check: the peers alone, then the peers and the library.
    const peers = ['cdk8s@2', 'constructs@10', 'cdk8s-plus-27@2'];
    const baseline = path.join(scratch, 'baseline');
    installProject(baseline, peers, ['--omit=dev']);
    consumer = path.join(scratch, 'consumer');
    install = installProject(consumer, [...peers, tarball], ['--omit=dev']);
    const withLibrary = measure(path.join(consumer, 'node_modules'), 'aws-cdk-lib');
    sizes = {
      baseline: measure(path.join(baseline, 'node_modules'), 'aws-cdk-lib').bytes,
      withLibrary: withLibrary.bytes,
      awsCdkLib: withLibrary.found,
    };
    // Then the other cdk8s-plus major, for its variant of the app.
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', 'cdk8s-plus-33@2'], consumer, 240_000);
  }, 600_000);

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    process.stderr.write(`consumer test: ${[...measured, `${((Date.now() - started) / 1000).toFixed(1)} s in all`].join('; ')}\n`);
  });

  test('the tarball holds the compiled library, its types, the CLI and package.json, nothing else', () => {
    const entries: string[] = [];
    tar.t({ file: tarball, sync: true, onReadEntry: (e) => entries.push(e.path) });
    const stray = entries.filter(
      (e) => !/^package\/(lib\/src\/.+\.(js|d\.ts)|bin\/cdk8s-istio\.js|package\.json|README\.md|LICENSE)$/.test(e),
    );
    expect(stray).toEqual([]);
    expect(entries).toEqual(
      expect.arrayContaining(['package/lib/src/index.js', 'package/lib/src/index.d.ts', 'package/lib/src/cli/main.js']),
    );
    expect(entries.filter((e) => /\/(test|bench|fixtures)\/|\.map$|tsbuildinfo/.test(e))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules', 'cdk8s-istio', 'package.json'), 'utf-8'));
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@aws-cdk/lambda-layer-kubectl-v33');
    measured.push(`tarball ${path.basename(tarball)}: ${fs.statSync(tarball).size} bytes, ${entries.length} files`);
  });

  test('installing the tarball runs no build (prepare is for checkouts; the tarball has no sources)', () => {
    expect(install.stdout).not.toMatch(/^> cdk8s-istio@\S+ (prepare|build)$/m);
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'cdk8s-istio', 'lib', 'src', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(consumer, 'node_modules', 'cdk8s-istio', 'src'))).toBe(false);
  });

  const workloads: WorkloadKind[] = ['cdk8s-plus-27', 'cdk8s-plus-33', 'ApiObject'];
  test.each(workloads)(
    'the ten-line app with a %s Deployment synthesizes a meshed namespace and workload',
    (kind) => {
      const app = path.join(consumer, `app-${kind}.js`);
      const outdir = path.join(consumer, `dist-${kind}`);
      fs.writeFileSync(app, javascriptApp(kind));
      // The fixture charts, and the repo's cache so the helm fetched once is reused; no HELM_BIN.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ISTIO_CHARTS_DIR: path.join(REPO, 'test', 'fixtures', 'charts'),
        CDK8S_ISTIO_CACHE_DIR: path.join(REPO, 'node_modules', '.cache', 'cdk8s-istio'),
      };
      delete env.HELM_BIN;
      run(process.execPath, [app, outdir], consumer, 180_000, env);

      const objects = readManifests(outdir);
      expect(find(objects, 'Namespace', 'istio-system')).toBeDefined();
      expect(find(objects, 'Deployment', 'istiod').metadata?.namespace).toBe('istio-system');
      expect(find(objects, 'Namespace', 'default').metadata?.labels).toMatchObject({ 'istio-injection': 'enabled' });
      const web = find(objects, 'Deployment', 'web').spec as { template: { metadata: { labels: Record<string, string> } } };
      expect(web.template.metadata.labels).toMatchObject({ 'sidecar.istio.io/inject': 'true' });
      const mtls = objects.find((o) => o.kind === 'PeerAuthentication' && o.metadata?.namespace === 'default');
      expect(mtls?.spec).toMatchObject({ mtls: { mode: 'STRICT' } });
    },
    200_000,
  );

  test('the TypeScript app type-checks against the published declarations', () => {
    fs.writeFileSync(path.join(consumer, 'app.ts'), TYPESCRIPT_APP);
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'commonjs',
        target: 'ES2022',
        // As in a cdk8s TypeScript project, which has @types/node (the published types mention NodeJS.ProcessEnv).
        types: ['node'],
        typeRoots: [path.join(REPO, 'node_modules', '@types')],
      },
      files: ['app.ts'],
    };
    fs.writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig));
    run(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumer, 120_000);
  }, 200_000);

  test('the CLI runs from the installed package', () => {
    const help = run('npx', ['--no-install', 'cdk8s-istio', '--help'], consumer, 60_000);
    expect(help.stdout).toMatch(/Usage: cdk8s-istio/);
    expect(help.stdout).toMatch(/\binject\b/);
  });

  test('a production install brings no aws-cdk-lib and stays within 60 MB of cdk8s + constructs + cdk8s-plus-27', () => {
    measured.push(
      `production node_modules: ${(sizes.baseline / MB).toFixed(1)} MB without the library, ${(sizes.withLibrary / MB).toFixed(1)} MB with it`,
    );
    expect(sizes.awsCdkLib).toEqual([]);
    expect(sizes.withLibrary - sizes.baseline).toBeLessThanOrEqual(LIBRARY_BUDGET_BYTES);
  });
});
