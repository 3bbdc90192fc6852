// Hostile input to the CLI (`cdk8s-istio analyze | inject | check`): FIFOs, input at scale, values that would break
// the sidecar, an app that never ends. Each case asserts the one-line error (or a clean result) and that nothing
// outside the output folder and the caches changed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/cli';
import { expectOneLineError, expectUntouchedOutside, fifoTest, fingerprint, makeFifo, script, useSandbox } from './sandbox';

const sandbox = useSandbox();

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;

/** Runs the CLI and checks that nothing under the sandbox root changed except `allowed`. */
async function cli(args: string[], allowed: readonly string[] = [], stdin?: string) {
  const box = sandbox();
  const skip = [box.cache, box.out, ...allowed];
  const before = fingerprint(box.root, skip);
  const result = await runCli(args, stdin);
  expect(fingerprint(box.root, skip)).toEqual(before);
  return result;
}

describe('analyze', () => {
  fifoTest('a FIFO inside an analyzed folder is skipped with a warning, never opened; the rest is analyzed (needs mkfifo)', async () => {
    const box = sandbox();
    const dir = path.join(box.root, 'manifests');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'web.yaml'), deployment);
    makeFifo(path.join(dir, 'pipe.yaml'));
    const result = await cli(['analyze', dir]);
    expect(result.stderr).toMatch(/pipe\.yaml/);
    // The Deployment next to the FIFO was read.
    expect(result.stdout).toBe('no findings in 1 object(s)\n');
  });

  fifoTest('a FIFO named directly is refused in one line, never opened (needs mkfifo)', async () => {
    const box = sandbox();
    const fifo = makeFifo(path.join(box.root, 'pipe.yaml'));
    const result = await cli(['analyze', fifo]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /pipe\.yaml/);
  });

  test('150,000 objects in one stream end with findings, not a stack overflow', async () => {
    const box = sandbox();
    const file = path.join(box.root, 'many.yaml');
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < 150_000; i++)
      fs.writeSync(fd, `---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${i}, namespace: shop }\n`);
    fs.closeSync(fd);
    const result = await cli(['analyze', file, '--output', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).findings).toEqual([]);
  });
});

describe('YAML nested 100,000 levels deep', () => {
  // The deployment with a field of 100,000 nested lists in its pod spec, on line 9.
  const deep = deployment.replace(/ \}\n$/, `, x: ${'['.repeat(100_000)}${']'.repeat(100_000)} }\n`);

  test('analyze refuses it in one line naming the file, the line and the fix, not a stack overflow', async () => {
    const box = sandbox();
    const file = path.join(box.root, 'deep.yaml');
    fs.writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\n${deep}`);
    const result = await cli(['analyze', file]);
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /deep\.yaml:12: invalid YAML: nested deeper than 500 levels: flatten it, or check the tool/);
  });

  test('inject refuses it from standard input in the same line, writing nothing', async () => {
    const result = await cli(['inject', '-f', '-'], [], deep);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLineError(result.stderr, /<stdin>:8: invalid YAML: nested deeper than 500 levels/);
  });
});

describe('inject', () => {
  test('--set that replaces the global map with a scalar is refused in one line naming the key', async () => {
    const box = sandbox();
    const input = path.join(box.root, 'web.yaml');
    fs.writeFileSync(input, deployment);
    const result = await cli(['inject', '-f', input, '--set', 'global=1']);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expectOneLineError(result.stderr, /global/);
  });

  test('a --mesh-config field with a bad value is refused like the same field in proxy.istio.io/config', async () => {
    const box = sandbox();
    const input = path.join(box.root, 'web.yaml');
    const mesh = path.join(box.root, 'mesh.yaml');
    fs.writeFileSync(input, deployment);
    fs.writeFileSync(mesh, 'defaultConfig:\n  proxyAdminPort: 70000\n');
    const result = await cli(['inject', '-f', input, '--mesh-config', mesh]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expectOneLineError(result.stderr, /--mesh-config.*proxyAdminPort/);
  });

  test('-o is written whole or not at all: a failing document leaves no output file and no temporary file', async () => {
    const box = sandbox();
    const input = path.join(box.root, 'web.yaml');
    fs.writeFileSync(
      input,
      `${deployment}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: bad }\nspec:\n  template:\n    metadata: { annotations: { proxy.istio.io/config: "proxyAdminPort: 0" } }\n    spec: { containers: [{ name: a, image: a }] }\n`,
    );
    const target = path.join(box.out, 'injected.yaml');
    fs.mkdirSync(box.out);
    const result = await cli(['inject', '-f', input, '-o', target]);
    expect(result.code).toBe(1);
    expect(fs.readdirSync(box.out)).toEqual([]);
  });
});

describe('custom injection templates', () => {
  const templated = (annotationTemplates: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations: { inject.istio.io/templates: "${annotationTemplates}" }
    spec:
      containers:
      - name: web
        image: nginx
        readinessProbe: { httpGet: { path: /ready, port: 8080 } }
`;

  function files(template: string): { input: string; values: string } {
    const box = sandbox();
    const values = path.join(box.root, 'values.yaml');
    const body = template
      .split('\n')
      .map((l) => `      ${l}`)
      .join('\n');
    fs.writeFileSync(values, `sidecarInjectorWebhook:\n  templates:\n    custom: |\n${body}\n`);
    const input = path.join(box.root, 'web.yaml');
    fs.writeFileSync(input, templated('sidecar,custom'));
    return { input, values };
  }

  test('a catastrophic regex runs in linear time with Go semantics, and Go structs print as Go prints them', async () => {
    const { input, values } = files(
      [
        'metadata:',
        '  annotations:',
        `    regex: {{ regexMatch "^(a+)+$" "${'a'.repeat(100_000)}!" | quote }}`,
        '    probe: {{ structToJSON (index .Spec.Containers 0).ReadinessProbe | quote }}',
        '    unset: {{ (index .Spec.Containers 0).LivenessProbe | quote }}',
      ].join('\n'),
    );
    const result = await cli(['inject', '-f', input, '--values', values]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`regex: 'false'`);
    expect(result.stdout).toContain(`probe: '{"httpGet":{"path":"/ready","port":8080}}'`);
    expect(result.stdout).toContain(`unset: '<nil>'`);
  });

  test('a field Go structs do not have is an error, as in istiod, in one line', async () => {
    const { input, values } = files('metadata:\n  annotations:\n    x: {{ (index .Spec.Containers 0).NoSuchField }}');
    const result = await cli(['inject', '-f', input, '--values', values]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /can't evaluate field NoSuchField/);
  });

  test('a template that recurses without end stops with one line', async () => {
    const { input, values } = files('{{ define "loop" }}{{ template "loop" . }}{{ end }}{{ template "loop" . }}');
    const result = await cli(['inject', '-f', input, '--values', values]);
    expect(result.code).toBe(1);
    expectOneLineError(result.stderr, /loop/);
  });
});

describe('check', () => {
  test('an app that never ends is stopped at --timeout with its children, in one line; its temporary folder is removed', async () => {
    const box = sandbox();
    const app = script(box, 'hang', 'sleep 60 & wait');
    const tmpBefore = fs.readdirSync(os.tmpdir()).filter((f: string) => f.startsWith('cdk8s-istio-check-'));
    const result = await expectUntouchedOutside(box, [], () => runCli(['check', '--app', app, '--dist', box.out, '--timeout', '1']));
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /timed out|did not finish/);
    const tmpAfter = fs.readdirSync(os.tmpdir()).filter((f: string) => f.startsWith('cdk8s-istio-check-'));
    expect(tmpAfter.filter((f: string) => !tmpBefore.includes(f))).toEqual([]);
  });
});
