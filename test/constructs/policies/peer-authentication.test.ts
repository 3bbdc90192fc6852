import { ApiObject, type App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { MeshNamespace } from '../../../src/constructs/mesh-namespace';
import { PeerAuthentication } from '../../../src/constructs/policies/peer-authentication';
import { MtlsMode } from '../../../src/model/mtls';

function errorsOf(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
}

interface Policy {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: unknown;
}

function find(objects: readonly unknown[], kind: string, namespace: string, name: string): Policy {
  const found = (objects as readonly Policy[]).find(
    (o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace,
  );
  if (!found) throw new Error(`no ${kind} ${namespace}/${name}`);
  return found;
}

function setup() {
  const app = Testing.app();
  return { app, chart: new Chart(app, 'security') };
}

function web(chart: Chart, namespace = 'shop'): kplus.Deployment {
  const d = new kplus.Deployment(chart, 'Web', {
    metadata: { name: 'web', namespace },
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [{ image: 'nginx', ports: [{ number: 80 }, { number: 9090 }] }],
  });
  d.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  return d;
}

describe('PeerAuthentication', () => {
  test('is mesh-wide in istio-system without namespace or selector', () => {
    const { app, chart } = setup();
    const pa = new PeerAuthentication(chart, 'Mesh', { mode: MtlsMode.strict() });
    expect(pa.level).toBe('mesh');
    expect(find(Testing.synth(chart), 'PeerAuthentication', 'istio-system', 'default')).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'istio-system' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    expect(errorsOf(app)).toEqual([]);
  });

  test('follows a custom root namespace', () => {
    const { chart } = setup();
    const pa = new PeerAuthentication(chart, 'Mesh', { rootNamespace: 'mesh-root', mode: MtlsMode.permissive() });
    expect(pa.level).toBe('mesh');
    expect(pa.namespace).toBe('mesh-root');
  });

  test('is namespace-wide in a namespace given by name or by MeshNamespace', () => {
    const { app, chart } = setup();
    const ns = new MeshNamespace(chart, 'Ns', { name: 'shop' });
    const byConstruct = new PeerAuthentication(chart, 'A', { namespace: ns, mode: MtlsMode.strict() });
    const byName = new PeerAuthentication(chart, 'B', { namespace: 'other', mode: MtlsMode.disable() });
    expect([byConstruct.level, byName.level]).toEqual(['namespace', 'namespace']);
    expect(find(Testing.synth(chart), 'PeerAuthentication', 'shop', 'default').spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(errorsOf(app)).toEqual([]);
  });

  test('omits mtls when no mode is given, so the policy inherits', () => {
    const { chart } = setup();
    const pa = new PeerAuthentication(chart, 'Ns', { namespace: 'shop' });
    expect(pa.apiObject.toJson().spec).toEqual({});
  });

  test('selects a workload by labels', () => {
    const { app, chart } = setup();
    const pa = new PeerAuthentication(chart, 'W', { name: 'web', namespace: 'shop', selector: { app: 'web' }, mode: MtlsMode.strict() });
    expect(pa.level).toBe('workload');
    expect(pa.apiObject.toJson().spec).toEqual({ selector: { matchLabels: { app: 'web' } }, mtls: { mode: 'STRICT' } });
    expect(errorsOf(app)).toEqual([]);
  });

  test('selects a cdk8s-plus workload by its selector labels, in its namespace, named after it', () => {
    const { app, chart } = setup();
    const pa = new PeerAuthentication(chart, 'W', { selector: web(chart), portLevelMtls: { 9090: MtlsMode.disable() } });
    expect(find(Testing.synth(chart), 'PeerAuthentication', 'shop', 'web').spec).toEqual({
      selector: { matchLabels: { app: 'web' } },
      portLevelMtls: { 9090: { mode: 'DISABLE' } },
    });
    expect(pa.namespace).toBe('shop');
    expect(errorsOf(app)).toEqual([]);
  });

  test('writes port-level modes in ascending port order', () => {
    const { chart } = setup();
    const pa = new PeerAuthentication(chart, 'W', {
      name: 'web',
      namespace: 'shop',
      selector: { app: 'web' },
      portLevelMtls: { 8080: MtlsMode.permissive(), 443: MtlsMode.strict(), 80: MtlsMode.unset() },
    });
    expect(Object.keys(pa.apiObject.toJson().spec.portLevelMtls)).toEqual(['80', '443', '8080']);
  });

  test('fails when port-level mTLS has no selector', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'Ns', { namespace: 'shop', portLevelMtls: { 80: MtlsMode.disable() } });
    expect(errorsOf(app)).toEqual([
      '[security/Ns] port-level mtls needs a selector (istio rejects it on mesh-wide and namespace-wide policies): ' +
        'add a selector for the workload or remove portLevelMtls',
    ]);
  });

  test.each([['0'], ['65536'], ['http']])('fails when the port-level port is %s', (port) => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', {
      name: 'web',
      namespace: 'shop',
      selector: { app: 'web' },
      portLevelMtls: { [port]: MtlsMode.disable() } as never,
    });
    expect(errorsOf(app)).toEqual([
      `[security/W] port-level mtls port '${port}' is not a port number: use a container port from 1 to 65535`,
    ]);
  });

  test('fails when the port is not a container port of the selected workload', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', { selector: web(chart), portLevelMtls: { 8080: MtlsMode.disable() } });
    expect(errorsOf(app)).toEqual([
      '[security/W] port-level mtls port 8080 is not a container port of the selected workload (its ports: 80, 9090): ' +
        'use one of its container ports or add the port to a container',
    ]);
  });

  test('fails when portLevelMtls is empty', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', { name: 'web', namespace: 'shop', selector: { app: 'web' }, portLevelMtls: {} });
    expect(errorsOf(app)).toEqual(['[security/W] portLevelMtls is empty: name at least one port or omit it']);
  });

  test('fails when a selector sits in the root namespace, where istio ignores it', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', { name: 'web', selector: { app: 'web' } });
    expect(errorsOf(app)[0]).toContain("istio ignores a policy with a selector in the root namespace 'istio-system'");
  });

  test('fails when the selector has no labels', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', { name: 'web', namespace: 'shop', selector: {} });
    expect(errorsOf(app)[0]).toContain('selector has no labels, so istio treats the policy as namespace-wide');
  });

  test('fails when the workload lives in another namespace than the policy', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'W', { namespace: 'other', selector: web(chart) });
    expect(errorsOf(app)[0]).toContain("selector workload security/Web is in namespace 'shop' but the policy is in 'other'");
  });

  test('fails on a second mesh-wide policy, once, on the later one', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'A', { mode: MtlsMode.strict() });
    new PeerAuthentication(new Chart(app, 'more'), 'B', { name: 'other', mode: MtlsMode.permissive() });
    expect(errorsOf(app)).toEqual([
      '[more/B] the mesh already has a mesh-wide peer authentication (security/A); istio would use only the older one: merge them into one policy',
    ]);
  });

  test('fails on a second namespace-wide policy in one namespace', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'A', { namespace: 'shop', mode: MtlsMode.strict() });
    new PeerAuthentication(chart, 'B', { namespace: 'shop', name: 'relaxed', mode: MtlsMode.permissive() });
    new PeerAuthentication(chart, 'C', { namespace: 'other', mode: MtlsMode.permissive() });
    expect(errorsOf(app)).toEqual([
      "[security/B] namespace 'shop' already has a namespace-wide peer authentication (security/A); istio would use only the older one: merge them into one policy",
    ]);
  });

  test('fails on two workload policies with the same selector', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'A', { name: 'a', namespace: 'shop', selector: { app: 'web' }, mode: MtlsMode.strict() });
    new PeerAuthentication(chart, 'B', { name: 'b', namespace: 'shop', selector: { app: 'web' }, mode: MtlsMode.disable() });
    expect(errorsOf(app)).toEqual([
      '[security/B] peer authentication security/A has the same selector {"app":"web"}; istio would use only the older one: merge them into one policy',
    ]);
  });

  test('fails on two policies with the same name in one namespace', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'A', { namespace: 'shop', mode: MtlsMode.strict() });
    new PeerAuthentication(chart, 'B', { namespace: 'shop', selector: { app: 'web' } });
    expect(errorsOf(app)).toEqual([
      "[security/B] peer authentication 'shop/default' is already defined by security/A: give one of them another name",
    ]);
  });

  test('allows namespace-wide and workload policies side by side', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'Mesh', { mode: MtlsMode.strict() });
    new PeerAuthentication(chart, 'Ns', { namespace: 'shop', mode: MtlsMode.permissive() });
    new PeerAuthentication(chart, 'W', { selector: web(chart), mode: MtlsMode.strict(), portLevelMtls: { 80: MtlsMode.disable() } });
    expect(errorsOf(app)).toEqual([]);
  });

  test('fails on an unknown mode string', () => {
    const { app, chart } = setup();
    new PeerAuthentication(chart, 'Ns', { namespace: 'shop', mode: MtlsMode.of('MUTUAL') });
    expect(errorsOf(app)[0]).toContain("[security/Ns] mtls mode 'MUTUAL' is not one of UNSET, DISABLE, PERMISSIVE, STRICT");
  });
});

describe('PeerAuthentication with a workload of any cdk8s-plus major or a plain ApiObject', () => {
  test('selects a cdk8s-plus-33 workload by its selector labels and checks its container ports', () => {
    const { app, chart } = setup();
    const d = new kplus33.Deployment(chart, 'Web', {
      metadata: { name: 'web', namespace: 'shop' },
      select: false,
      podMetadata: { labels: { app: 'web' } },
      containers: [{ image: 'nginx', ports: [{ number: 80 }] }],
    });
    d.select(kplus33.LabelSelector.of({ labels: { app: 'web' } }));
    const pa = new PeerAuthentication(chart, 'W', { selector: d, portLevelMtls: { 80: MtlsMode.disable(), 81: MtlsMode.disable() } });
    expect(errorsOf(app)).toEqual([
      '[security/W] port-level mtls port 81 is not a container port of the selected workload (its ports: 80): ' +
        'use one of its container ports or add the port to a container',
    ]);
    expect(pa.matchLabels).toEqual({ app: 'web' });
    expect(pa.name).toBe('web');
  });

  test('selects a plain ApiObject Deployment by its spec.selector, in its namespace, named after it', () => {
    const { app, chart } = setup();
    const api = new ApiObject(chart, 'Web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web', tier: 'front' } },
          spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 9090 }] }] },
        },
      },
    });
    const pa = new PeerAuthentication(chart, 'W', { selector: api, portLevelMtls: { 9090: MtlsMode.disable() } });
    expect(errorsOf(app)).toEqual([]);
    expect(pa.namespace).toBe('shop');
    expect(find(Testing.synth(chart), 'PeerAuthentication', 'shop', 'web').spec).toEqual({
      selector: { matchLabels: { app: 'web' } },
      portLevelMtls: { 9090: { mode: 'DISABLE' } },
    });
  });

  test('selects a plain ApiObject Job without a selector by its pod labels', () => {
    const { chart } = setup();
    const job = new ApiObject(chart, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: { template: { metadata: { labels: { app: 'migrate' } }, spec: { containers: [{ name: 'm', image: 'busybox' }] } } },
    });
    expect(new PeerAuthentication(chart, 'W', { selector: job }).matchLabels).toEqual({ app: 'migrate' });
  });

  test('names what arrived when the selector construct is not a workload', () => {
    const { app, chart } = setup();
    const service = new kplus.Service(chart, 'Svc', { metadata: { name: 'web', namespace: 'shop' }, ports: [{ port: 80 }] });
    new PeerAuthentication(chart, 'W', { namespace: 'shop', selector: service });
    expect(errorsOf(app)).toEqual([
      '[security/W] selector: expected pod labels or a workload (a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or CronJob, ' +
        "or an ApiObject of one of those kinds), got a cdk8s-plus Service 'web' (kind Service)",
    ]);
  });
});

describe('PeerAuthentication across copies of the library', () => {
  test('a policy of another copy conflicts like one of this copy', () => {
    let Other: typeof PeerAuthentication = PeerAuthentication;
    jest.isolateModules(() => {
      Other = (
        jest.requireActual('../../../src/constructs/policies/peer-authentication') as { PeerAuthentication: typeof PeerAuthentication }
      ).PeerAuthentication;
    });
    const { app, chart } = setup();
    const first = new Other(chart, 'A', { mode: MtlsMode.strict() });
    new PeerAuthentication(chart, 'B', { name: 'other', mode: MtlsMode.permissive() });
    expect(first instanceof PeerAuthentication).toBe(false);
    expect(errorsOf(app)).toEqual([
      '[security/B] the mesh already has a mesh-wide peer authentication (security/A); istio would use only the older one: merge them into one policy',
    ]);
  });
});
