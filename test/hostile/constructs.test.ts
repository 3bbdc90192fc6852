// Hostile props to the constructs of ambient, upgrades and gateways, as a JavaScript caller can pass them (wrong
// types, NaN and Infinity ports, control characters, megabyte strings, `__proto__` keys). Each must end in one line
// per failure naming the construct and the prop, with no stack, no raw line break, and nothing written outside the
// output folder (the sandbox is fingerprinted around every synth).
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import {
  ChartSource,
  EgressGateway,
  GatewayApiCrds,
  GatewayApiCrdsSource,
  HttpRoute,
  IngressGateway,
  IstioCni,
  IstioGateway,
  KubernetesGateway,
  MeshApp,
  RevisionTag,
  ServiceEntry,
  Waypoint,
  Ztunnel,
} from '../../src';
import { isUserFacing } from '../../src/errors';
import { expectUntouchedOutside, type Sandbox, useSandbox } from './sandbox';

const sandbox = useSandbox();
/** A value of the wrong type, as JavaScript passes it. */
const bad = (x: unknown) => x as never;
const CONTROL = 'a\u0007b\n---\nkind: Secret';
const HUGE = 'x'.repeat(1_000_000);
const PROTO = JSON.parse('{"__proto__": {"polluted": "yes"}, "app": "x"}') as Record<string, string>;
const charts = (box: Sandbox) => ({ sources: [ChartSource.localDir(box.charts)] });
const edge = (c: Chart) => new KubernetesGateway(c, 'edge', { name: 'edge', listeners: [{ port: 80, protocol: 'HTTP' }] });

/** Builds and synthesizes an app; returns the error message, after checking nothing outside the output changed. */
function synthError(build: (chart: Chart, box: Sandbox) => void): string {
  const box = sandbox();
  return expectUntouchedOutside(box, [], () => {
    try {
      const app = new MeshApp({ outdir: box.out });
      build(new Chart(app, 'c', { namespace: 'shop' }), box);
      app.synth();
    } catch (error) {
      expect(isUserFacing(error)).toBe(true);
      return (error as Error).message;
    }
    throw new Error('synth succeeded');
  });
}

/** A thrown error is one line; a synth report is a header and one line per failure. Lines stay readable. */
function expectReport(message: string, pattern: RegExp): void {
  const lines = message.split('\n');
  if (lines.length > 1) {
    expect(lines[0]).toMatch(/^synth failed: \d+ invalid inputs?:$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}(\[c\/[^\]]+\] \S|\.\.\. and \d+ more)/);
  }
  for (const line of lines) expect(line.length).toBeLessThan(1200);
  expect(message).not.toContain('\u0007');
  expect(message).not.toMatch(/kind: Secret\n| at .*\.ts:\d+/);
  expect(message).toMatch(pattern);
}

describe('wrong types from JavaScript callers end in one line naming the prop', () => {
  test.each([
    [
      'ServiceEntry ports a number',
      (c: Chart) => new ServiceEntry(c, 'se', { hosts: ['api.example.com'], ports: bad(5) }),
      /\[c\/se\] ports must be a list of objects, got number 5/,
    ],
    [
      'ServiceEntry hosts a string',
      (c: Chart) => new ServiceEntry(c, 'se', { hosts: bad('api.example.com'), ports: [] }),
      /\[c\/se\] hosts must be a list of strings, got 'api\.example\.com'/,
    ],
    [
      'ServiceEntry protocol missing',
      (c: Chart) => new ServiceEntry(c, 'se', { hosts: ['a.example.com'], ports: [bad({ number: 443 })] }),
      /ports\[0\]\.protocol must be a string, got undefined/,
    ],
    [
      'IstioGateway hosts NaN',
      (c: Chart) =>
        new IstioGateway(c, 'ig', { name: 'g', selector: { istio: 'x' }, servers: [{ port: 80, protocol: 'HTTP', hosts: bad(NaN) }] }),
      /\[c\/ig\] server 1 hosts must be a list of strings, got number NaN/,
    ],
    [
      'IstioGateway protocol an object',
      (c: Chart) =>
        new IstioGateway(c, 'ig', { name: 'g', selector: { istio: 'x' }, servers: [{ port: 80, protocol: bad({}), hosts: ['a'] }] }),
      /server 1 protocol must be a string, got an object/,
    ],
    [
      'KubernetesGateway listeners Infinity',
      (c: Chart) => new KubernetesGateway(c, 'kg', { name: 'edge', listeners: bad(Infinity) }),
      /\[c\/kg\] listeners must be a list of objects, got number Infinity/,
    ],
    [
      'HttpRoute parents a string',
      (c: Chart) => new HttpRoute(c, 'r', { name: 'r', parents: bad('edge') }),
      /\[c\/r\] parents must be a list of objects, got 'edge'/,
    ],
    [
      'HttpRoute header a plain object',
      (c: Chart) =>
        new HttpRoute(c, 'r', { name: 'r', parents: [edge(c)], rules: [{ matches: [{ headers: bad({ 'x-a': { exact: 'b' } }) }] }] }),
      /rule 1 matches\[0\] headers 'x-a' must be made by its class/,
    ],
    [
      'HttpRoute rules a number',
      (c: Chart) => new HttpRoute(c, 'r', { name: 'r', parents: [edge(c)], rules: bad(5) }),
      /\[c\/r\] rules must be a list of objects, got number 5/,
    ],
    [
      'IngressGateway name a number',
      (c: Chart, box: Sandbox) => new IngressGateway(c, 'g', { ...charts(box), name: bad(5) }),
      /\[c\/g\] name must be a string, got number 5/,
    ],
    [
      'GatewayApiCrds file a number',
      (c: Chart) => new GatewayApiCrds(c, 'crds', { source: GatewayApiCrdsSource.file(bad(5)) }),
      /gateway api crds: the file path must be a string, got number 5/,
    ],
    [
      'GatewayApiCrds source a string',
      (c: Chart) => new GatewayApiCrds(c, 'crds', { source: bad('crds.yaml') }),
      /source must be a GatewayApiCrdsSource, got 'crds\.yaml'/,
    ],
    [
      'Waypoint waypointFor a number',
      (c: Chart) => new Waypoint(c, 'wp', { waypointFor: bad(1) }),
      /\[c\/wp\] waypointFor .*1.* use one of all, none, service, workload/,
    ],
    [
      'RevisionTag revision an object',
      (c: Chart, box: Sandbox) => new RevisionTag(c, 't', { ...charts(box), name: 'prod', revision: bad({}), external: true }),
      /\[c\/t\] /,
    ],
  ] as const)('%s', (_name, build, pattern) => {
    expectReport(synthError(build), pattern);
  });
});

describe('NaN and Infinity ports are refused as out of range', () => {
  test.each([NaN, Infinity])('port %s', (port) => {
    const message = synthError((c) => {
      new ServiceEntry(c, 'se', { hosts: ['api.example.com'], ports: [{ number: port, protocol: 'HTTPS' }] });
      new KubernetesGateway(c, 'kg', { name: 'edge', listeners: [{ port, protocol: 'HTTP' }] });
      new IstioGateway(c, 'ig', { name: 'g', selector: { istio: 'x' }, servers: [{ port, protocol: 'HTTP', hosts: ['a.example.com'] }] });
    });
    expectReport(message, new RegExp(`\\[c/se\\] service entry port ${port} is out of range`));
    expect(message).toMatch(new RegExp(`\\[c/kg\\] listener 'http-${port}' port ${port} is out of range`));
    expect(message).toMatch(new RegExp(`\\[c/ig\\] server http-${port} \\(#1\\) port ${port} is out of range`));
  });

  test('a gateway chart Service port of NaN is refused naming values.service.ports', (): void => {
    const message = synthError(
      (c, box) => new IngressGateway(c, 'g', { ...charts(box), values: bad({ service: { ports: [{ name: 'http', port: NaN }] } }) }),
    );
    expectReport(message, /\[c\/g\] values\.service\.ports is .*must be a list of/);
  });
});

describe('control characters and huge strings stay inside one line', () => {
  test.each([
    [
      'Waypoint name',
      (c: Chart) => new Waypoint(c, 'wp', { name: CONTROL }),
      /\[c\/wp\] waypoint name 'a\\u0007b\\n---\\nkind: Secret' is not a valid dns-1123 label/,
    ],
    [
      'ServiceEntry endpoint labels',
      (c: Chart) =>
        new ServiceEntry(c, 'se', {
          hosts: ['a.example.com'],
          ports: [{ number: 443, protocol: 'TLS' }],
          resolution: 'STATIC',
          endpoints: [{ address: '10.0.0.1', labels: { app: CONTROL } }],
        }),
      /endpoint '10\.0\.0\.1' label 'app' value 'a\\u0007b\\n---\\nkind: Secret' is not a valid label value/,
    ],
    [
      'KubernetesGateway listener port as text',
      (c: Chart) => new KubernetesGateway(c, 'kg', { name: 'edge', listeners: [{ port: bad(CONTROL), protocol: 'HTTP' }] }),
      /\[c\/kg\] listener 'http-a\\u0007b\\n---\\nkind: Secret' port/,
    ],
    [
      'IstioCni values',
      (c: Chart, box: Sandbox) => new IstioCni(c, 'cni', { ...charts(box), values: bad({ cniBinDir: CONTROL }) }),
      /\[c\/cni\] values\.cniBinDir holds the control character U\+0007/,
    ],
    [
      'Ztunnel revision',
      (c: Chart, box: Sandbox) => new Ztunnel(c, 'zt', { ...charts(box), values: bad({ revision: CONTROL }) }),
      /\[c\/zt\] values\.revision is "a\\u0007b\\n---\\nkind: Secret": must be a DNS label/,
    ],
    [
      'RevisionTag name of a megabyte',
      (c: Chart, box: Sandbox) => new RevisionTag(c, 't', { ...charts(box), name: HUGE, revision: 'x', external: true }),
      /\[c\/t\] revision tag name 'x{80}\.\.\. \(1000000 characters\)' is not a valid dns-1123 label/,
    ],
    [
      'HttpRoute hostname of a megabyte',
      (c: Chart) => new HttpRoute(c, 'r', { name: 'r', parents: [edge(c)], hostnames: [HUGE] }),
      /\[c\/r\] route hostname 'x+ \[\.\.\. \d+ characters \.\.\.\] x+' is not a valid hostname: use a lower-case DNS name/,
    ],
    [
      'GatewayApiCrds url with a line break',
      () => GatewayApiCrdsSource.url(CONTROL, { sha256: 'a'.repeat(64) }),
      /^gateway api crds: 'a\\u0007b\\n---\\nkind: Secret' is not an http\(s\) url/,
    ],
  ] as const)('%s', (_name, build, pattern) => {
    expectReport(synthError(build), pattern);
  });

  test('a million invalid rules list the first hundred failures and count the rest', () => {
    const message = synthError(
      (c) => new HttpRoute(c, 'r', { name: 'r', parents: [edge(c)], rules: Array.from({ length: 1_000_000 }, () => ({})) }),
    );
    expectReport(message, /^synth failed: 1000001 invalid inputs:\n {2}\[c\/r\] route has 1000000 rules: Gateway API allows 16/);
    expect(message.split('\n')).toHaveLength(102);
    expect(message).toMatch(/\n {2}\.\.\. and 999901 more: fix the ones above and synth again$/);
  });
});

describe('__proto__ keys pollute nothing', () => {
  afterEach(() => expect(({} as Record<string, unknown>).polluted).toBeUndefined());

  test('in label maps of the Gateway API and Istio constructs: refused or kept as data', () => {
    const message = synthError((c) => {
      new IstioGateway(c, 'ig', { name: 'g', selector: PROTO, servers: [] });
      new Waypoint(c, 'wp', { allowedNamespaces: PROTO });
      new KubernetesGateway(c, 'kg', { name: 'edge', listeners: [{ port: 80, protocol: 'HTTP' }], infrastructure: { labels: PROTO } });
    });
    expectReport(message, /\[c\/ig\] selector label '__proto__' value must be a string, got an object/);
    expect(message).toMatch(/\[c\/kg\] infrastructure label '__proto__' value must be a string/);
  });

  test('in chart values: the render sees no polluted keys', () => {
    const box = sandbox();
    expectUntouchedOutside(box, [], () => {
      const app = new MeshApp({ outdir: box.out });
      const chart = new Chart(app, 'c');
      new EgressGateway(chart, 'g', {
        ...charts(box),
        extraValues: bad(JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}')),
      });
      app.synth();
    });
  });
});

test('every case leaves the sandbox root as it was apart from the output folder', () => {
  // Covered by expectUntouchedOutside in each case above; this guards the helper itself.
  const box = sandbox();
  expect(() => expectUntouchedOutside(box, [], () => fs.writeFileSync(path.join(box.root, 'stray'), 'x'))).toThrow();
});
