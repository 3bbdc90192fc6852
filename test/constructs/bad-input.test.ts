// Table of bad inputs -> the message synth gives. Each row builds constructs into a fresh chart 'c';
// the expected text must appear in a line that starts with the construct path. Add rows for new constructs.
import { type App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MeshNamespace } from '../../src/constructs/mesh-namespace';
import { PeerAuthentication } from '../../src/constructs/policies/peer-authentication';
import { MeshWorkload, WorkloadInjection, addToMesh } from '../../src/constructs/workloads';
import { UserError } from '../../src/errors';
import { InjectionMode } from '../../src/model/injection-mode';
import { MtlsMode } from '../../src/model/mtls';
import { validateApp } from '../../src/synth/collect';

type Build = (c: Chart) => void;

/** A deployment `web` in namespace `shop` with container port 80, selecting `app: web`. */
function web(c: Construct): kplus.Deployment {
  const d = new kplus.Deployment(c, 'Web', {
    metadata: { name: 'web', namespace: 'shop' },
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [{ image: 'nginx', portNumber: 80 }],
  });
  d.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  return d;
}

const any = (v: unknown) => v as never;

const ROWS: Array<[string, Build, string, string]> = [
  // [case, build, construct path, expected message text]
  [
    'namespace name with upper case and _',
    (c) => new MeshNamespace(c, 'Ns', { name: 'Bad_NS' }),
    'c/Ns',
    "namespace name 'Bad_NS' is not a valid dns-1123 label: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'bad-ns')",
  ],
  [
    'namespace name longer than 63',
    (c) => new MeshNamespace(c, 'Ns', { name: 'n'.repeat(64) }),
    'c/Ns',
    `namespace name '${'n'.repeat(64)}' is not a valid dns-1123 label: use at most 63`,
  ],
  [
    'namespace name of the wrong type',
    (c) => new MeshNamespace(c, 'Ns', { name: any(7) }),
    'c/Ns',
    'namespace name must be a string, got number 7',
  ],
  ['namespace without props', (c) => new MeshNamespace(c, 'Ns', any(undefined)), 'c/Ns', 'namespace name must be a string, got undefined'],
  [
    'injection given as a string',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', injection: any('enabled') }),
    'c/Ns',
    "injection must be an InjectionMode, got 'enabled': use InjectionMode.sidecar()",
  ],
  [
    'revision that is not a dns-1123 label',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', injection: InjectionMode.revision('Canary') }),
    'c/Ns',
    "revision 'Canary' is not a valid dns-1123 label",
  ],
  [
    'revision without an istiod',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', injection: InjectionMode.revision('canary') }),
    'c/Ns',
    "revision 'canary' has no istiod in this app (this app has no istiod): add new Istiod(scope, id, { revision: 'canary' }), or declare it external with InjectionMode.revision('canary', { external: true })",
  ],
  [
    'istio-injection among extra labels',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', labels: { 'istio-injection': 'enabled' } }),
    'c/Ns',
    "label 'istio-injection' is set by the injection prop",
  ],
  [
    'both injection labels (revision mode plus istio-injection label)',
    (c) =>
      new MeshNamespace(c, 'Ns', {
        name: 'shop',
        injection: InjectionMode.revision('canary', { external: true }),
        labels: { 'istio-injection': 'enabled' },
      }),
    'c/Ns',
    "label 'istio-injection' is set by the injection prop (a namespace never carries both istio-injection and istio.io/rev)",
  ],
  [
    'dataplane-mode among extra labels',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', labels: { 'istio.io/dataplane-mode': 'ambient' } }),
    'c/Ns',
    "label 'istio.io/dataplane-mode' is set by the injection prop: remove it from labels and set injection",
  ],
  [
    'label key with a space',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', labels: { 'my team': 'web' } }),
    'c/Ns',
    "namespace label key 'my team' is not a valid label key",
  ],
  [
    'label value of the wrong type',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop', labels: { team: any(1) } }),
    'c/Ns',
    "namespace label 'team' value must be a string, got number 1",
  ],
  [
    'the same namespace twice',
    (c) => {
      new MeshNamespace(c, 'A', { name: 'shop' });
      new MeshNamespace(c, 'B', { name: 'shop' });
    },
    'c/B',
    "namespace 'shop' is already declared by c/A: declare each namespace once",
  ],
  [
    'unknown mtls mode string',
    (c) => new MeshNamespace(c, 'Ns', { name: 'shop' }).requireMtls(MtlsMode.of('STRIKT')),
    'c/Ns/PeerAuthentication',
    "mtls mode 'STRIKT' is not one of UNSET, DISABLE, PERMISSIVE, STRICT: use MtlsMode.strict()",
  ],
  [
    'mtls mode in lower case',
    (c) => new PeerAuthentication(c, 'Pa', { namespace: 'shop', mode: MtlsMode.of('strict') }),
    'c/Pa',
    "mtls mode 'strict' is not one of UNSET, DISABLE, PERMISSIVE, STRICT: use 'STRICT' (upper case) or MtlsMode.strict()",
  ],
  [
    'mtls mode as a bare string',
    (c) => new PeerAuthentication(c, 'Pa', { namespace: 'shop', mode: any('STRICT') }),
    'c/Pa',
    "mode must be an MtlsMode, got 'STRICT': use MtlsMode.strict() or MtlsMode.of('STRICT')",
  ],
  [
    'port-level mtls without a selector',
    (c) => new PeerAuthentication(c, 'Pa', { namespace: 'shop', portLevelMtls: { 80: MtlsMode.disable() } }),
    'c/Pa',
    'port-level mtls needs a selector (istio rejects it on mesh-wide and namespace-wide policies): add a selector for the workload or remove portLevelMtls',
  ],
  [
    'port-level port 0',
    (c) =>
      new PeerAuthentication(c, 'Pa', { name: 'w', namespace: 'shop', selector: { app: 'w' }, portLevelMtls: { 0: MtlsMode.disable() } }),
    'c/Pa',
    "port-level mtls port '0' is not a port number: use a container port from 1 to 65535",
  ],
  [
    'port-level port above 65535',
    (c) =>
      new PeerAuthentication(c, 'Pa', {
        name: 'w',
        namespace: 'shop',
        selector: { app: 'w' },
        portLevelMtls: { 70000: MtlsMode.disable() },
      }),
    'c/Pa',
    "port-level mtls port '70000' is not a port number",
  ],
  [
    'port-level port that the workload does not expose',
    (c) => new PeerAuthentication(c, 'Pa', { selector: web(c), portLevelMtls: { 8443: MtlsMode.disable() } }),
    'c/Pa',
    'port-level mtls port 8443 is not a container port of the selected workload (its ports: 80)',
  ],
  [
    'port-level mode unknown',
    (c) => new PeerAuthentication(c, 'Pa', { selector: web(c), portLevelMtls: { 80: MtlsMode.of('OFF') } }),
    'c/Pa',
    "port 80: mtls mode 'OFF' is not one of UNSET, DISABLE, PERMISSIVE, STRICT",
  ],
  [
    'port-level mode as a bare string',
    (c) => new PeerAuthentication(c, 'Pa', { selector: web(c), portLevelMtls: { 80: any('DISABLE') } }),
    'c/Pa',
    "port-level mtls mode of port 80 must be an MtlsMode, got 'DISABLE'",
  ],
  [
    'empty portLevelMtls',
    (c) => new PeerAuthentication(c, 'Pa', { selector: web(c), portLevelMtls: {} }),
    'c/Pa',
    'portLevelMtls is empty: name at least one port or omit it',
  ],
  [
    'selector in the root namespace',
    (c) => new PeerAuthentication(c, 'Pa', { name: 'w', selector: { app: 'w' } }),
    'c/Pa',
    "istio ignores a policy with a selector in the root namespace 'istio-system': set namespace to the namespace of the selected workloads",
  ],
  [
    'selector without labels',
    (c) => new PeerAuthentication(c, 'Pa', { name: 'w', namespace: 'shop', selector: {} }),
    'c/Pa',
    'selector has no labels, so istio treats the policy as namespace-wide',
  ],
  [
    'selector of the wrong type',
    (c) => new PeerAuthentication(c, 'Pa', { name: 'w', namespace: 'shop', selector: any('app=web') }),
    'c/Pa',
    "selector must be pod labels or a workload, got 'app=web'",
  ],
  [
    'selector label value with a space',
    (c) => new PeerAuthentication(c, 'Pa', { name: 'w', namespace: 'shop', selector: { app: 'my app' } }),
    'c/Pa',
    "selector label 'app' value 'my app' is not a valid label value",
  ],
  [
    'workload selector from another namespace',
    (c) => new PeerAuthentication(c, 'Pa', { namespace: 'other', selector: web(c) }),
    'c/Pa',
    "selector workload c/Web is in namespace 'shop' but the policy is in 'other'",
  ],
  [
    'a second mesh-wide policy',
    (c) => {
      new PeerAuthentication(c, 'A', { mode: MtlsMode.strict() });
      new PeerAuthentication(c, 'B', { name: 'b', mode: MtlsMode.strict() });
    },
    'c/B',
    'the mesh already has a mesh-wide peer authentication (c/A); istio would use only the older one: merge them into one policy',
  ],
  [
    'a second namespace-wide policy',
    (c) => {
      new PeerAuthentication(c, 'A', { namespace: 'shop' });
      new PeerAuthentication(c, 'B', { name: 'b', namespace: 'shop' });
    },
    'c/B',
    "namespace 'shop' already has a namespace-wide peer authentication (c/A)",
  ],
  [
    'peer authentication name with upper case',
    (c) => new PeerAuthentication(c, 'Pa', { name: 'Default', namespace: 'shop' }),
    'c/Pa',
    "peer authentication name 'Default' is not a valid dns-1123 subdomain",
  ],
  [
    'peer authentication namespace of the wrong type',
    (c) => new PeerAuthentication(c, 'Pa', { namespace: any(42) }),
    'c/Pa',
    'namespace must be a string, got number 42',
  ],
  [
    'workload injection as a string',
    (c) => new MeshWorkload(web(c), 'Mesh', { injection: any('enabled') }),
    'c/Web/Mesh',
    "injection must be a WorkloadInjection, got 'enabled': use WorkloadInjection.webhook(), preInjected() or disabled()",
  ],
  [
    'workload revision that is not a dns-1123 label',
    (c) => addToMesh(web(c), WorkloadInjection.webhook({ revision: 'v1.30' })),
    'c/Web/Mesh',
    "revision 'v1.30' is not a valid dns-1123 label",
  ],
  [
    'workload revision without an istiod',
    (c) => addToMesh(web(c), WorkloadInjection.webhook({ revision: 'canary' })),
    'c/Web/Mesh',
    "revision 'canary' has no istiod in this app",
  ],
  [
    'sidecar asked for in a namespace with injection disabled',
    (c) => {
      new MeshNamespace(c, 'Ns', { name: 'shop', injection: InjectionMode.disabled() });
      addToMesh(web(c));
    },
    'c/Web/Mesh',
    "namespace 'shop' has injection disabled (istio-injection=disabled), so istio ignores the pod label sidecar.istio.io/inject=true",
  ],
  [
    'pod label that contradicts the injection',
    (c) => {
      const d = web(c);
      d.podMetadata.addLabel('sidecar.istio.io/inject', 'false');
      addToMesh(d);
    },
    'c/Web/Mesh',
    "pod label sidecar.istio.io/inject='false' contradicts the injection",
  ],
  [
    'mesh settings on something that is not a workload',
    (c) => new MeshWorkload(any(new Construct(c, 'NotAWorkload')), 'Mesh'),
    'c/NotAWorkload/Mesh',
    'expected a workload (a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or CronJob, or an ApiObject of one of those kinds), got a Construct at c/NotAWorkload',
  ],
];

function synthErrors(build: Build): string {
  const app: App = Testing.app();
  build(new Chart(app, 'c'));
  try {
    validateApp(app);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return '';
}

describe('bad input fails synth with the construct path, the value and the fix', () => {
  test.each(ROWS)('%s', (_case, build, constructPath, expected) => {
    const lines = synthErrors(build)
      .split('\n')
      .map((l) => l.trim());
    expect(lines).toContainEqual(expect.stringContaining(`[${constructPath}] ${expected}`));
  });

  test('reports the errors of all rows at once', () => {
    const app = Testing.app();
    ROWS.forEach(([, build], i) => build(new Chart(app, `c${i}`)));
    let message = '';
    try {
      validateApp(app);
    } catch (error) {
      message = (error as Error).message;
    }
    const count = Number(/^synth failed: (\d+) invalid inputs/.exec(message)?.[1]);
    expect(count).toBeGreaterThanOrEqual(ROWS.length);
    for (let i = 0; i < ROWS.length; i++) expect(message).toContain(`[c${i}/`);
  });
});
