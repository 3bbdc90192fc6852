// Hostile input to `cdk8s-istio analyze` for the ambient, upgrade and gateway rules: alias bombs and deep nesting in
// their kinds, wrong types and `__proto__` keys where the rules read, control characters in what findings quote, and
// inputs shaped to make cross-object rules quadratic. Each ends in findings or one line, never a stack or a hang, and
// writes nothing outside the output.
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../support/cli';
import { expectOneLineError, expectUntouchedOutside, useSandbox } from './sandbox';

const sandbox = useSandbox();

/** Writes `text` into the sandbox and analyzes it, checking nothing else under the root changed. */
async function analyze(text: string, ...flags: string[]) {
  const box = sandbox();
  const file = path.join(box.root, 'input.yaml');
  fs.writeFileSync(file, text);
  const before = Date.now();
  const result = await expectUntouchedOutside(box, [], () => runCli(['analyze', file, ...flags]));
  return { ...result, ms: Date.now() - before };
}

describe('resource exhaustion in the new kinds', () => {
  test('an alias bomb in a Gateway ends in one line naming the file', async () => {
    const anchors = Array.from({ length: 9 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(',')}]`);
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: Gateway',
      'metadata: {name: g, namespace: shop}',
      'spec:',
      '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...anchors,
      '  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: *a9}]',
    ].join('\n');
    const { code, stderr } = await analyze(`${text}\n`);
    expect(code).toBe(2);
    expectOneLineError(stderr, /^error: .*input\.yaml:1: invalid YAML: Excessive alias count/);
  });

  test('parentRefs nested 100,000 deep in an HTTPRoute end in one line naming the file and line', async () => {
    const depth = 100_000;
    const { code, stderr } = await analyze(
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  parentRefs: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    );
    expect(code).toBe(2);
    expectOneLineError(stderr, /^error: .*input\.yaml:5: invalid YAML/);
  });
});

describe('wrong types and __proto__ keys where the new rules read', () => {
  test('findings or silence, never a crash; nothing polluted', async () => {
    const text = fs.readFileSync(path.join(__dirname, 'fixtures', 'hostile-mesh-objects.yaml'), 'utf-8');
    const { code, stdout, stderr } = await analyze(text, '--output', 'json');
    expect(stderr).toMatch(/^(error: analysis found \d+ finding\(s\) at or above level error\n)?$/);
    expect([0, 1]).toContain(code);
    const codes = (JSON.parse(stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    // The waypoint named `__proto__` is found as a Gateway like any other name, and judged on its traffic type.
    expect(codes).toContain('CDK8SI031');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('what findings quote stays on its line', () => {
  test('a line break in a use-waypoint label or a gateway reference cannot start a fake finding line', async () => {
    const { stdout } = await analyze(
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata: {name: shop, labels: {istio.io/use-waypoint: "wp\\nError [IST0000] fake\\u0007"}}',
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata: {name: v, namespace: shop}',
        'spec: {hosts: [a.example.com], gateways: ["gw\\nError [IST0000] fake"], http: [{route: [{destination: {host: a.example.com}}]}]}',
        '',
      ].join('\n'),
    );
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('Error [IST0000]'))).toEqual([]);
    expect(lines.find((l) => l.includes('[CDK8SI030]'))).toMatch(/use-waypoint=wp\\nError \[IST0000\] fake\\u0007, but no Gateway/);
    expect(lines.find((l) => l.includes('[IST0101]'))).toMatch(/bound to gateway 'gw\\nError \[IST0000\] fake'/);
    expect(lines[lines.length - 1]).toMatch(/^\d+ finding\(s\): /);
  });
});

describe('cross-object rules stay near-linear', () => {
  // 1,500 Istio Gateways sharing one host on 1,500 gateway Deployments with the same labels: the conflict rule once
  // keyed claims by pod and took minutes here (Gateways x pods x Gateways); the port rule walked every pod per Gateway.
  test('1,500 Gateways on 1,500 shared gateway pods are analyzed in seconds, each conflict counted', async () => {
    const n = 1500;
    const docs: string[] = [];
    for (let i = 0; i < n; i++) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: gw-${i}, namespace: edge}\nspec:\n  selector: {matchLabels: {istio: ingressgateway}}\n` +
          `  template:\n    metadata: {labels: {istio: ingressgateway}}\n    spec: {containers: [{name: istio-proxy, image: proxyv2, args: [proxy, router]}]}`,
        `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g-${i}, namespace: shop}\n` +
          `spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 8443, protocol: HTTPS}, hosts: [a-${i}.example.com, '*.shared.example.com'], tls: {mode: PASSTHROUGH}}]}`,
      );
    }
    const { stdout, ms } = await analyze(docs.join('\n---\n'), '--output', 'json');
    const findings = (JSON.parse(stdout) as { findings: { code: string; message: string }[] }).findings;
    const conflicts = findings.filter((f) => f.code === 'IST0145');
    expect(conflicts).toHaveLength(n);
    expect(conflicts[0].message).toMatch(/conflicts with Gateway\(s\) shop\/g-1, shop\/g-2, shop\/g-3, shop\/g-4, shop\/g-5 and 1494 more/);
    expect(findings.filter((f) => f.code === 'IST0162')).toHaveLength(n);
    expect(ms).toBeLessThan(30_000);
  });
});
