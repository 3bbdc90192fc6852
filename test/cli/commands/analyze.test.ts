import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { loadInputs } from '../../../src/cli/commands/analyze';
import { ObjectIndex } from '../../../src/engine/analysis/index-objects';
import { runCli } from '../../support/cli';
import { REQUIRE_TYPESCRIPT } from '../../synth/child-synth';

const run = (args: string[], stdin?: string) => runCli(args, stdin);

const STRICT_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api:1
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: strict
  namespace: shop
spec:
  mtls:
    mode: STRICT
`;

const UNINJECTED_CLIENT = `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    istio-injection: disabled
---
apiVersion: batch/v1
kind: Job
metadata:
  name: client
  namespace: legacy
spec:
  template:
    metadata:
      labels: {app: client}
    spec:
      restartPolicy: Never
      containers:
        - name: client
          image: example/client:1
`;

const UNLABELED = `apiVersion: v1
kind: Namespace
metadata:
  name: plain
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: plain
spec:
  containers:
    - name: p
      image: example/p:1
`;

// An ambient namespace whose selector-bound L7 policy ztunnel would enforce (CDK8SI032), and a client enrolled by its pod label.
const AMBIENT_L7_POLICY = `apiVersion: v1
kind: Namespace
metadata:
  name: amb
  labels:
    istio.io/dataplane-mode: ambient
    istio.io/use-waypoint: waypoint
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: amb
spec:
  gatewayClassName: istio-waypoint
  listeners:
    - {name: mesh, port: 15008, protocol: HBONE}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: amb
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: get-only
  namespace: amb
spec:
  selector:
    matchLabels: {app: web}
  rules:
    - to:
        - operation: {methods: [GET]}
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analyze-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('cdk8s-istio analyze', () => {
  test('exits 1 for STRICT mTLS with an uninjected client in a directory, naming both objects with file and line', async () => {
    write('shop/shop.yaml', STRICT_NAMESPACE);
    const client = write('legacy/client.yml', UNINJECTED_CLIENT);
    write('notes.txt', 'not yaml: [');
    const result = await run(['analyze', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Error [CDK8SI011] (Job legacy/client ${client}:8)`);
    expect(result.stdout).toContain(`also: PeerAuthentication shop/strict ${path.join(dir, 'shop', 'shop.yaml')}:24`);
    expect(result.stderr).toContain('1 finding(s) at or above level error');
  });

  test('exits 1 for an L7 AuthorizationPolicy that ztunnel would enforce, and 0 once it is bound to the waypoint', async () => {
    const file = write('amb.yaml', AMBIENT_L7_POLICY);
    const result = await run(['analyze', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Error [CDK8SI032] (AuthorizationPolicy amb/get-only ${file}:35)`);
    expect(result.stdout).toContain('name: waypoint}] in place of the selector');
    // Ambient pods are in the mesh: no "not injected" findings for them.
    expect(result.stdout).not.toMatch(/IST0102|CDK8SI01[01]/);
    write(
      'amb.yaml',
      AMBIENT_L7_POLICY.replace(
        '  selector:\n    matchLabels: {app: web}\n  rules:',
        '  targetRefs:\n    - {group: gateway.networking.k8s.io, kind: Gateway, name: waypoint}\n  rules:',
      ),
    );
    const fixed = await run(['analyze', file, '--failure-threshold', 'info']);
    expect(fixed.stdout).toBe('no findings in 4 object(s)\n');
    expect(fixed.code).toBe(0);
  });

  test('prints the documented JSON shape', async () => {
    const file = write('all.yaml', `${STRICT_NAMESPACE}---\n${UNINJECTED_CLIENT}`);
    const result = await run(['analyze', file, '--output', 'json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout);
    const finding = parsed.findings.find((f: { code: string }) => f.code === 'CDK8SI011');
    expect(finding).toEqual({
      code: 'CDK8SI011',
      level: 'error',
      message: expect.stringContaining('Job legacy/client runs without a sidecar'),
      objects: [
        { kind: 'Job', namespace: 'legacy', name: 'client', file, line: 40 },
        { kind: 'PeerAuthentication', namespace: 'shop', name: 'strict', file, line: 24 },
      ],
    });
  });

  test('exits 0 when findings stay below the threshold, and 1 when the threshold is lowered', async () => {
    const file = write('plain.yaml', UNLABELED);
    const relaxed = await run(['analyze', file]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('Info [IST0102] (Namespace plain');
    const strict = await run(['analyze', file, '--failure-threshold', 'info']);
    expect(strict.code).toBe(1);
  });

  test('reads a file named twice (itself and through its folder) once, so its objects are not reported as duplicates', async () => {
    const file = write(
      'twice/pa.yaml',
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: twice}\nspec: {mtls: {mode: PERMISSIVE}}\n',
    );
    const result = await run(['analyze', path.dirname(file), file, '--failure-threshold', 'warning']);
    expect(result.stdout).not.toContain('CDK8SI013');
    expect(result.stdout).toContain('in 1 object(s)');
  });

  test('reads standard input', async () => {
    const result = await run(['analyze', '-', '--output', 'json'], UNLABELED);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings[0].objects[0]).toMatchObject({ kind: 'Namespace', name: 'plain', file: '<stdin>', line: 1 });
  });

  test('reports no findings on a clean input', async () => {
    const result = await run(['analyze', write('ok.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n')]);
    expect(result).toMatchObject({ code: 0, stdout: 'no findings in 1 object(s)\n' });
  });

  test('exits 2 naming file, line and reason for a YAML syntax error, without a stack trace', async () => {
    const file = write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\n---\nmetadata: {name: [\n');
    const result = await run(['analyze', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(result.stderr).not.toContain('    at ');
    expect(result.stdout).toBe('');
  });

  test('exits 2 for a missing file and for a document that is not a Kubernetes object', async () => {
    const missing = await run(['analyze', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file or directory');
    const scalar = await run(['analyze', write('s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\njust text\n')]);
    expect(scalar.code).toBe(2);
    expect(scalar.stderr).toContain('s.yaml:5: not a Kubernetes object');
  });

  test('exits 2 for a bad threshold', async () => {
    expect((await run(['analyze', dir, '--failure-threshold', 'fatal'])).code).toBe(2);
  });

  test('expands List documents', async () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${UNLABELED.split('---\n')
      .map((d) => `- ${d.trim().replace(/\n/g, '\n  ')}`)
      .join('\n')}\n`;
    const result = await run(['analyze', write('list.yaml', list), '--output', 'json']);
    expect(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['IST0102']);
  });

  test('--rule turns a rule off or gives it another level', async () => {
    const file = write('all.yaml', `${STRICT_NAMESPACE}---\n${UNINJECTED_CLIENT}`);
    const off = await run(['analyze', file, '--rule', 'CDK8SI011=off']);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('CDK8SI011');
    const warning = await run(['analyze', file, '--rule', 'CDK8SI011=warning']);
    expect(warning.code).toBe(0);
    expect(warning.stdout).toContain('Warning [CDK8SI011] (Job legacy/client');
  });

  test('--suppress drops matching findings and counts them in one line; other namespaces stay reported', async () => {
    const file = write('all.yaml', `${STRICT_NAMESPACE}---\n${UNINJECTED_CLIENT}`);
    const quiet = await run(['analyze', file, '--suppress', 'CDK8SI011=Job *.legacy']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('[CDK8SI011]');
    expect(quiet.stdout).toContain('1 finding(s) suppressed: 1 by --suppress, 0 by the galley.istio.io/analyze-suppress annotation');
    const elsewhere = await run(['analyze', file, '--suppress', 'CDK8SI011=Job *.shop']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).not.toContain('suppressed');
  });

  test('--output json carries the suppressed counts', async () => {
    const file = write('all.yaml', `${STRICT_NAMESPACE}---\n${UNINJECTED_CLIENT}`);
    const result = await run(['analyze', file, '-o', 'json', '--suppress', 'CDK8SI011=Job client.legacy,IST0102=Namespace *']);
    expect(JSON.parse(result.stdout).suppressed).toEqual({ byPattern: 1, byAnnotation: 0 });
  });

  (process.platform === 'win32' ? test.skip : test)('skips a FIFO in a folder with a warning and refuses one named directly', async () => {
    write('ok.yaml', UNLABELED);
    const pipe = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    const folder = await run(['analyze', dir]);
    expect(folder.code).toBe(0);
    expect(folder.stderr).toBe(`warning: skipped ${pipe}: it is a FIFO (named pipe), not a regular file\n`);
    const named = await run(['analyze', pipe]);
    expect(named).toMatchObject({ code: 2, stdout: '' });
    expect(named.stderr).toMatch(/^error: cannot read input .*pipe\.yaml: it is a FIFO \(named pipe\)/);
  });

  test('ends in one line when the input passes the size budget', async () => {
    const file = write(
      'big.yaml',
      `${UNLABELED}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: ${'y'.repeat(200)}}\n`,
    );
    await expect(loadInputs([file], new ObjectIndex(), 100)).rejects.toThrow(
      /big\.yaml: the input is over 100 bytes in total: analyze fewer files at once, or raise Node's heap/,
    );
    const index = new ObjectIndex();
    await loadInputs([file], index, 10_000);
    expect(index.size).toBe(3);
  });

  test('counts the budget over all inputs together', async () => {
    const a = write('a.yaml', UNLABELED);
    const b = write('b.yaml', UNLABELED);
    await expect(loadInputs([a, b], new ObjectIndex(), Math.ceil(UNLABELED.length * 1.5))).rejects.toThrow(/b\.yaml: the input is over/);
  });

  test('lists the rules', async () => {
    const result = await run(['analyze', '--list-rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('IST0113\terror\tDestinationRule TLS conflicts with STRICT mTLS');
  });
});

describe('cdk8s-istio analyze --list-rules into a pipe that closes early', () => {
  test('ends with one line, not a stack trace, when the reader goes away (`| head -c 10`)', () => {
    const script = `${REQUIRE_TYPESCRIPT}
      require(${JSON.stringify(path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts'))})
        .main(['analyze', '--list-rules']).then((code) => { process.exitCode = code; });`;
    const shell = `'${process.execPath}' -e "$SCRIPT" | head -c 10 > /dev/null; exit 0`;
    const stderr = execFileSync('/bin/sh', ['-c', `exec 2>&1; ${shell}`], {
      env: { ...process.env, SCRIPT: script },
      encoding: 'utf-8',
      timeout: 60_000,
    });
    expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(
      stderr
        .trimEnd()
        .split('\n')
        .filter((l) => l !== '').length,
    ).toBeLessThanOrEqual(1);
  });
});

// A gateway Deployment and Service as the gateway chart renders them, a Gateway on a port the Service lacks, and a
// VirtualService bound to a Gateway name that resolves in its own namespace.
const INGRESS = `apiVersion: v1
kind: Namespace
metadata:
  name: istio-ingress
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: istio-ingressgateway
  namespace: istio-ingress
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  template:
    metadata:
      annotations: {inject.istio.io/templates: gateway}
      labels: {istio: ingressgateway, sidecar.istio.io/inject: 'true'}
    spec:
      containers:
        - name: istio-proxy
          image: auto
---
apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-ingress
spec:
  selector: {istio: ingressgateway}
  ports:
    - {name: http2, port: 80, protocol: TCP, targetPort: 80}
    - {name: https, port: 443, protocol: TCP, targetPort: 443}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-ingress
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 8080, name: http, protocol: HTTP}
      hosts: ['*']
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: istio-ingress
spec:
  hosts: ['*']
  gateways: [publik]
  http:
    - route:
        - destination: {host: istio-ingressgateway}
`;

describe('cdk8s-istio analyze on gateways', () => {
  test('reports a VirtualService bound to a missing Gateway (exit 1) and a Gateway port its Service lacks', async () => {
    const file = write('ingress.yaml', INGRESS);
    const result = await run(['analyze', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `Error [IST0101] (VirtualService istio-ingress/web ${file}:45) VirtualService istio-ingress/web is bound to gateway 'publik'`,
    );
    expect(result.stdout).toContain(
      `Warning [IST0162] (Gateway istio-ingress/public ${file}:34) Gateway istio-ingress/public: server #1 listens on port 8080`,
    );
    expect(result.stdout).toContain(`also: Service istio-ingress/istio-ingressgateway ${file}:23`);
  });

  test('exits 0 once the Gateway listens on port 80 and the VirtualService names it', async () => {
    const file = write('ingress.yaml', INGRESS.replace('number: 8080', 'number: 80').replace('[publik]', '[public]'));
    const result = await run(['analyze', file, '--output', 'json']);
    const codes = JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code);
    expect(codes.filter((c: string) => ['IST0101', 'IST0162', 'IST0145', 'CDK8SI052'].includes(c))).toEqual([]);
    expect(result.code).toBe(0);
  });
});
