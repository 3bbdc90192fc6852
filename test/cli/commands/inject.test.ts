import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { type ConformanceCase, CONFORMANCE_DIR, loadConformanceCases } from '../../engine/injection/support/conformance';
import { runCli } from '../../support/cli';
import { normalizeDocument, yamlDocuments } from '../../engine/injection/support/semantic';
import { buildInjectionSettings, injectYaml } from '../../../src/engine/injection';

const HELLO = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: shop
spec:
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
        - name: hello
          image: fake.example/hello:1.0
          ports:
            - containerPort: 80
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  ports:
    - port: 80
`;

const BAD_ANNOTATION = HELLO.replace(
  '      labels:\n        app: hello\n    spec:',
  '      annotations:\n        traffic.sidecar.istio.io/excludeOutboundPorts: "bad"\n      labels:\n        app: hello\n    spec:',
);

const run = (args: string[], stdin?: string) => runCli(['inject', ...args], stdin);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inject-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

interface Container {
  readonly name: string;
  readonly restartPolicy?: string;
  readonly args?: string[];
  readonly env?: { readonly name: string; readonly value?: string }[];
  readonly resources?: { readonly limits?: Record<string, string> };
}
interface PodSpec {
  readonly containers: Container[];
  readonly initContainers?: Container[];
}
interface Doc {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly spec?: {
    readonly template?: { readonly metadata?: { readonly annotations?: Record<string, string> }; readonly spec?: PodSpec };
  };
}

function docs(text: string): Doc[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d !== null);
}

function find(text: string, kind: string, name: string): Doc {
  const found = docs(text).find((d) => d.kind === kind && d.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in output:\n${text}`);
  return found;
}

function podSpec(text: string): PodSpec {
  return find(text, 'Deployment', 'hello').spec?.template?.spec ?? { containers: [] };
}

function proxy(spec: PodSpec): Container | undefined {
  return [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === 'istio-proxy');
}

describe('cdk8s-istio inject', () => {
  test('reads standard input with -f - and writes injected YAML to stdout', async () => {
    const result = await run(['-f', '-'], HELLO);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(proxy(podSpec(result.stdout))).toBeDefined();
  });

  test('runs istio-proxy as a native sidecar by default, and as a container with --native-sidecars=false', async () => {
    const input = file('native.yaml', HELLO);
    const native = podSpec((await run(['-f', input])).stdout);
    expect(native.initContainers?.find((c) => c.name === 'istio-proxy')).toMatchObject({ restartPolicy: 'Always' });
    expect(native.containers.map((c) => c.name)).toEqual(['hello']);
    const bare = podSpec((await run(['-f', input, '--native-sidecars'])).stdout);
    expect(bare.initContainers?.map((c) => c.name)).toContain('istio-proxy');

    const classic = await run(['-f', input, '--native-sidecars=false']);
    expect(classic.code).toBe(0);
    const spec = podSpec(classic.stdout);
    expect(spec.containers.map((c) => c.name)).toContain('istio-proxy');
    expect((spec.initContainers ?? []).map((c) => c.name)).not.toContain('istio-proxy');
  });

  test('writes to the -o file and nothing to stdout', async () => {
    const output = path.join(dir, 'out.yaml');
    const result = await run(['-f', file('o.yaml', HELLO), '-o', output]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(proxy(podSpec(fs.readFileSync(output, 'utf8')))).toBeDefined();
  });

  test('leaves the -o file untouched when injection fails', async () => {
    const output = file('keep.yaml', 'previous: content\n');
    const result = await run(['-f', file('bad-o.yaml', BAD_ANNOTATION), '-o', output]);
    expect(result.code).toBe(1);
    expect(fs.readFileSync(output, 'utf8')).toBe('previous: content\n');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('copies documents of other kinds through unchanged', async () => {
    const result = await run(['-f', file('mixed.yaml', `${SERVICE}---\n${HELLO}`)]);
    expect(result.code).toBe(0);
    expect(find(result.stdout, 'Service', 'hello')).toEqual(docs(SERVICE)[0]);
    expect(proxy(podSpec(result.stdout))).toBeDefined();
  });

  test('--set changes a value the sidecar template reads', async () => {
    const result = await run(['-f', file('set.yaml', HELLO), '--set', 'global.proxy.logLevel=debug']);
    expect(result.code).toBe(0);
    expect(proxy(podSpec(result.stdout))?.args).toContain('--proxyLogLevel=debug');
  });

  test('--values files merge in order and --set wins over them', async () => {
    const first = file('v1.yaml', 'global:\n  proxy:\n    logLevel: error\n    componentLogLevel: misc:info\n');
    const second = file('v2.yaml', 'global:\n  proxy:\n    logLevel: trace\n');
    const args = ['-f', file('values.yaml', HELLO), '--values', first, '--values', second];
    const merged = proxy(podSpec((await run(args)).stdout))?.args;
    expect(merged).toEqual(expect.arrayContaining(['--proxyLogLevel=trace', '--proxyComponentLogLevel=misc:info']));
    const overridden = proxy(podSpec((await run([...args, '--set', 'global.proxy.logLevel=info'])).stdout))?.args;
    expect(overridden).toContain('--proxyLogLevel=info');
  });

  test('--values null removes a default, as in helm', async () => {
    const values = file('null.yaml', 'global:\n  proxy:\n    resources:\n      limits:\n        cpu: null\n');
    const resources = proxy(podSpec((await run(['-f', file('nullin.yaml', HELLO), '--values', values])).stdout))?.resources;
    expect(resources?.limits?.cpu).toBeUndefined();
    expect(resources?.limits?.memory).toBeDefined();
  });

  test('--mesh-config overlays the mesh config the proxy gets', async () => {
    const mesh = file('mesh.yaml', 'defaultConfig:\n  drainDuration: 23s\n');
    const result = await run(['-f', file('mesh-in.yaml', HELLO), '--mesh-config', mesh]);
    expect(result.code).toBe(0);
    const env = proxy(podSpec(result.stdout))?.env?.find((e) => e.name === 'PROXY_CONFIG');
    expect(JSON.parse(env?.value ?? '{}')).toMatchObject({ drainDuration: '23s' });
  });

  test('--revision shows in the rev annotation and the sidecar status', async () => {
    const result = await run(['-f', file('rev.yaml', HELLO), '--revision', 'canary']);
    expect(result.code).toBe(0);
    const annotations = find(result.stdout, 'Deployment', 'hello').spec?.template?.metadata?.annotations ?? {};
    expect(annotations['istio.io/rev']).toBe('canary');
    expect(JSON.parse(annotations['sidecar.istio.io/status']).revision).toBe('canary');
  });

  test('prints warnings on stderr and keeps stdout YAML only', async () => {
    const hostNetwork = HELLO.replace('    spec:\n      containers:', '    spec:\n      hostNetwork: true\n      containers:');
    const result = await run(['-f', file('host.yaml', hostNetwork)]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: .*host network/im);
    expect(proxy(podSpec(result.stdout))).toBeUndefined();
  });

  test('fails on bad --set syntax, naming the assignment, with empty stdout', async () => {
    const result = await run(['-f', file('badset.yaml', HELLO), '--set', 'global.proxy.logLevel']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^error: --set "global.proxy.logLevel" has no "="/);
  });

  test('fails on a bad annotation, naming the file, the workload and the annotation, with empty stdout', async () => {
    const input = file('bad-annotation.yaml', `${SERVICE}---\n${BAD_ANNOTATION}`);
    const result = await run(['-f', input]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^error: \S*bad-annotation\.yaml:9: /);
    expect(result.stderr).toMatch(/\bshop\/hello\b/);
    expect(result.stderr).toContain('traffic.sidecar.istio.io/excludeOutboundPorts');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('fails on a missing input file', async () => {
    const result = await run(['-f', path.join(dir, 'absent.yaml')]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/cannot read input file .*absent\.yaml: no such file/);
  });

  test('fails on a YAML syntax error, naming the file and line', async () => {
    const result = await run(['-f', file('broken.yaml', `kind: Pod\nmetadata:\n  name: a: b\n---\n${SERVICE}`)]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/broken\.yaml:3: invalid YAML: nested mappings/i);
  });

  test('names the line in the whole file for a YAML syntax error in a later document', async () => {
    const result = await run(['-f', file('broken-later.yaml', `${SERVICE}---\nkind: Pod\nmetadata:\n  name: a: b\n`)]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/broken-later\.yaml:11: invalid YAML: nested mappings/i);
  });

  test.each([
    ['an unresolved alias', 'a: *nope\n'],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    ],
  ])('fails on %s as on a YAML error, naming the file', async (_what, text) => {
    const result = await run(['-f', file('alias.yaml', text)]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/alias\.yaml:\d+: invalid YAML/);
  });

  test('fails on a values file that is not a map, naming it', async () => {
    const result = await run(['-f', file('v-in.yaml', HELLO), '--values', file('list.yaml', '- a\n- b\n')]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/list\.yaml:1: a values file must be a YAML map/);
  });

  test('fails on a missing mesh config file', async () => {
    const result = await run(['-f', file('m-in.yaml', HELLO), '--mesh-config', path.join(dir, 'nomesh.yaml')]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/cannot read mesh config file .*nomesh\.yaml: no such file/);
  });

  test('refuses a --native-sidecars value other than true or false as a usage error', async () => {
    const result = await run(['-f', file('ns.yaml', HELLO), '--native-sidecars=maybe']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('"maybe" is not true or false');
  });

  test('requires -f', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--filename/);
  });

  test('streams a stream of many documents to the same output as injecting it whole', async () => {
    const stream = `# leading comment\n${SERVICE}--- # separator comment\n${HELLO}---\n\n---\n${HELLO.replace(/hello/g, 'other')}`;
    const result = await run(['-f', file('stream.yaml', stream)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(injectYaml(stream, buildInjectionSettings(), 'stream.yaml').yaml);
  });

  test('names the line in the whole stream for a bad annotation in a later document', async () => {
    const result = await run(['-f', file('bad-later.yaml', `${SERVICE}---\n${HELLO}---\n${BAD_ANNOTATION}`)]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/bad-later\.yaml:29: .*excludeOutboundPorts/);
  });

  test('leaves no -o file and no temporary file when a document after good ones fails', async () => {
    const output = path.join(dir, 'never.yaml');
    const result = await run(['-f', file('good-then-bad.yaml', `${HELLO}---\n${SERVICE}---\n${BAD_ANNOTATION}`), '-o', output]);
    expect(result.code).toBe(1);
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('can write the result over its own input file', async () => {
    const same = file('in-place.yaml', HELLO);
    const result = await run(['-f', same, '-o', same]);
    expect(result.code).toBe(0);
    expect(proxy(podSpec(fs.readFileSync(same, 'utf8')))).toBeDefined();
  });

  test('fails on a --mesh-config whose proxy config the injector would reject, naming the flag, the field and the fix', async () => {
    const mesh = file('bad-mesh.yaml', 'defaultConfig:\n  drainDuration: 45\n');
    const result = await run(['-f', file('mc-in.yaml', HELLO), '--mesh-config', mesh]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(`error: --mesh-config ${mesh}: defaultConfig.drainDuration must be a duration in seconds such as "45s"\n`);
  });

  test('fails on --set that replaces the global map with a scalar, naming the key', async () => {
    const result = await run(['-f', file('g-in.yaml', HELLO), '--set', 'global=1']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^error: --set "global=1": global is a map of settings in the values/);
  });

  test('fails on a values file that replaces a map with a scalar, naming the file and the key', async () => {
    const values = file('scalar-proxy.yaml', 'global:\n  proxy: fast\n');
    const result = await run(['-f', file('vs-in.yaml', HELLO), '--values', values]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(`--values ${values}: global.proxy is a map of settings in the values`);
  });

  (process.platform === 'win32' ? test.skip : test)('refuses a FIFO named with -f without opening it', async () => {
    const pipe = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    const result = await run(['-f', pipe]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/cannot read input file .*pipe\.yaml: it is a FIFO \(named pipe\): .*standard input with -/);
  });

  test('--help documents every flag', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--filename', '--output', '--values', '--set', '--mesh-config', '--native-sidecars', '--revision']) {
      expect(result.stdout).toContain(flag);
    }
  });
});

/** A few kube-inject conformance cases run through the flags, one per flag, compared as that data's README says. */
describe('cdk8s-istio inject on kube-inject conformance cases', () => {
  const data = CONFORMANCE_DIR;
  const all = loadConformanceCases('the CLI conformance cases');
  const present = all.length > 0;
  const ids = [
    'traffic-params',
    'proxy-resources-mixed-null',
    'hello-tproxy',
    'daemonset-old-version',
    'bad-excludeoutboundports',
    'hello-host-network-with-ns',
  ];
  const cases = all.filter((c) => ids.includes(c.id));

  (present
    ? test.each(cases.map((c) => [c.id, c] as const))
    : test.skip.each([
        ['skipped: the kube-inject conformance data in ../shared/conformance is absent', undefined as unknown as ConformanceCase],
      ]))('%s', async (id, c) => {
    // The data's defaults use the test hub and tag rather than the pinned release image.
    const args = ['-f', path.join(data, c.input), '--set', 'global.hub=registry.istio.io/testing', '--set', 'global.tag=latest'];
    if (c.valuesFile) args.push('--values', path.join(data, c.valuesFile));
    for (const s of c.set) args.push('--set', s);
    if (c.meshConfig) args.push('--mesh-config', file(`${id}.mesh.yaml`, JSON.stringify(c.meshConfig)));
    args.push(`--native-sidecars=${c.nativeSidecars}`);
    const result = await run(args);
    if (c.expectedError !== null) {
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr.toLowerCase()).toContain(c.expectedError.toLowerCase());
      return;
    }
    expect(result.code).toBe(0);
    const expected = yamlDocuments(fs.readFileSync(path.join(data, c.expected!), 'utf8')).map(normalizeDocument);
    expect(yamlDocuments(result.stdout).map(normalizeDocument)).toEqual(expected);
    if (c.expectedWarning !== null) expect(result.stderr).toContain(c.expectedWarning);
  });
});
