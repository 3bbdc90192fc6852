import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { UserError } from '../../src/errors';
import { runSynthChecks } from '../../src/synth/checks';
import { collectObjects } from '../../src/synth/collect';
import { MeshApp } from '../../src/synth/mesh-app';

/** An app with namespace-wide STRICT mTLS in `shop` and a workload outside the mesh in `legacy`. */
function strictWithUninjectedClient(app: App): void {
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new ApiObject(shop, 'ns', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', namespace: undefined, labels: { 'istio-injection': 'enabled' } },
  });
  new ApiObject(shop, 'api', deploymentProps('api'));
  new ApiObject(shop, 'mtls', {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default' },
    spec: { mtls: { mode: 'STRICT' } },
  });
  const legacy = new Chart(app, 'legacy', { namespace: 'legacy' });
  new ApiObject(legacy, 'ns', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'legacy', namespace: undefined, labels: { 'istio-injection': 'disabled' } },
  });
  new ApiObject(legacy, 'client', deploymentProps('client'));
}

function deploymentProps(name: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'example/app:1' }] } },
    },
  };
}

describe('runSynthChecks', () => {
  test('fails with every error and its construct path', () => {
    const app = new App();
    strictWithUninjectedClient(app);
    let error: unknown;
    try {
      runSynthChecks(collectObjects(app), { report: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('synth failed: mesh analysis found 1 problem(s)');
    expect((error as Error).message).toContain('error [CDK8SI011] [legacy/client] Deployment legacy/client runs without a sidecar');
    expect((error as Error).message).toContain('(also: [shop/mtls])');
  });

  test('reports findings below the threshold and returns all findings', () => {
    const app = new App();
    const chart = new Chart(app, 'plain', { namespace: 'plain' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'plain', namespace: undefined } });
    new ApiObject(chart, 'web', deploymentProps('web'));
    const lines: string[] = [];
    const findings = runSynthChecks(collectObjects(app), { report: (l) => lines.push(l) });
    expect(findings.map((f) => f.code)).toEqual(['IST0102']);
    expect(lines).toEqual([expect.stringMatching(/^info \[IST0102\] \[plain\/ns\] Namespace plain has 1 workload/)]);
  });

  test('reports a finding quoting a megabyte host with a line break as one short line that ends with the fix', () => {
    const app = new App();
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: undefined } });
    new ApiObject(chart, 'dr', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews' },
      spec: { host: `a\n${'h'.repeat(1_000_000)}.shop.svc.cluster.local` },
    });
    const lines: string[] = [];
    const findings = runSynthChecks(collectObjects(app), { report: (l) => lines.push(l) });
    expect(findings.map((f) => f.code)).toEqual(['IST0174']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning \[IST0174\] \[shop\/dr\] DestinationRule shop\/reviews: host 'a\\nh+ \[\.\.\. \d+ characters/);
    expect(lines[0].length).toBeLessThan(1100);
    expect(lines[0].endsWith('correct the host or add the Service')).toBe(true);
  });

  test('fails at a lowered threshold', () => {
    const app = new App();
    const chart = new Chart(app, 'plain', { namespace: 'plain' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'plain', namespace: undefined } });
    new ApiObject(chart, 'web', deploymentProps('web'));
    expect(() => runSynthChecks(collectObjects(app), { failureThreshold: 'info', report: () => undefined })).toThrow(
      /\[IST0102\] \[plain\/ns\]/,
    );
  });
});

describe('app-wide rule settings and suppression', () => {
  const strictApp = () => {
    const app = new App();
    strictWithUninjectedClient(app);
    return collectObjects(app);
  };

  test('a rule given a lower level reports instead of failing the synth', () => {
    const lines: string[] = [];
    const findings = runSynthChecks(strictApp(), { rules: { CDK8SI011: 'warning' }, report: (l) => lines.push(l) });
    expect(findings.map((f) => `${f.level} ${f.code}`)).toContain('warning CDK8SI011');
    expect(lines).toContainEqual(expect.stringMatching(/^warning \[CDK8SI011\] \[legacy\/client\]/));
  });

  test("a rule set to 'off' does not run", () => {
    const findings = runSynthChecks(strictApp(), { rules: { CDK8SI011: 'off' }, report: () => undefined });
    expect(findings.map((f) => f.code)).not.toContain('CDK8SI011');
  });

  test('a suppression pattern drops the finding and one line counts it', () => {
    const lines: string[] = [];
    const findings = runSynthChecks(strictApp(), { suppress: ['CDK8SI011=Deployment *.legacy'], report: (l) => lines.push(l) });
    expect(findings.map((f) => f.code)).not.toContain('CDK8SI011');
    expect(lines).toContain(
      'mesh analysis: 1 finding(s) suppressed (1 by analysis.suppress, 0 by the galley.istio.io/analyze-suppress annotation)',
    );
  });

  test('a pattern for another namespace suppresses nothing, and the synth still fails', () => {
    expect(() => runSynthChecks(strictApp(), { suppress: ['CDK8SI011=Deployment *.shop'], report: () => undefined })).toThrow(/CDK8SI011/);
  });

  test('an unknown rule code and a malformed pattern fail with the setting named', () => {
    expect(() => runSynthChecks([], { rules: { CDK8SI999: 'off' } })).toThrow(
      /^analysis\.rules: unknown rule code CDK8SI999: valid codes are /,
    );
    expect(() => runSynthChecks([], { suppress: ['CDK8SI011 Deployment x'] })).toThrow(
      'analysis.suppress "CDK8SI011 Deployment x" is malformed: expected "<code>=<Kind> <name>[.<namespace>]"',
    );
  });

  test('MeshApp takes the settings through its analysis prop and writes the output', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
    try {
      const app = new MeshApp({ outdir, analysis: { suppress: ['CDK8SI011=Deployment client.legacy'] } });
      strictWithUninjectedClient(app);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        app.synth();
      } finally {
        stderr.mockRestore();
      }
      expect(fs.readdirSync(outdir)).toContain('legacy.k8s.yaml');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

test('rejects an unknown failure threshold', () => {
  expect(() => runSynthChecks([], { failureThreshold: 'fatal' as never })).toThrow(
    "invalid analysis failureThreshold 'fatal': use one of info, warning, error",
  );
});

describe('MeshApp with analysis', () => {
  test('writes nothing when the analysis finds an error', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
    try {
      fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), 'kept\n');
      const app = new MeshApp({ outdir });
      strictWithUninjectedClient(app);
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(() => app.synth()).toThrow(/CDK8SI011/);
      } finally {
        stderr.mockRestore();
      }
      expect(fs.readdirSync(outdir)).toEqual(['previous.k8s.yaml']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('writes the output of a clean app at a lowered threshold', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
    try {
      const app = new MeshApp({ outdir, analysis: { failureThreshold: 'warning' } });
      const chart = new Chart(app, 'shop', { namespace: 'shop' });
      new ApiObject(chart, 'ns', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', namespace: undefined, labels: { 'istio-injection': 'enabled' } },
      });
      new ApiObject(chart, 'web', deploymentProps('web'));
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        app.synth();
      } finally {
        stderr.mockRestore();
      }
      expect(fs.readdirSync(outdir).sort()).toEqual(['.cdk8s-istio-output', 'shop.k8s.yaml']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
