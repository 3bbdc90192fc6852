// The app a new user writes first: control plane, a namespace with sidecar injection, one Deployment in the
// mesh, STRICT mTLS. One variant per kind of workload addToMesh accepts.

export type WorkloadKind = 'cdk8s-plus-27' | 'cdk8s-plus-33' | 'ApiObject';

const PLUS_DEPLOYMENT = `{
  metadata: { name: 'web', namespace: 'default' },
  containers: [{ name: 'web', image: 'nginx:1.27', portNumber: 80, securityContext: { ensureNonRoot: false } }],
}`;

const WORKLOADS: Record<WorkloadKind, { readonly require: string; readonly create: string }> = {
  'cdk8s-plus-27': { require: "const kplus = require('cdk8s-plus-27');", create: `new kplus.Deployment(chart, 'web', ${PLUS_DEPLOYMENT})` },
  'cdk8s-plus-33': { require: "const kplus = require('cdk8s-plus-33');", create: `new kplus.Deployment(chart, 'web', ${PLUS_DEPLOYMENT})` },
  ApiObject: {
    require: '',
    create: `new ApiObject(chart, 'web', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
})`,
  },
};

/** The app in plain JavaScript; it synthesizes into the folder given as its first argument. */
export function javascriptApp(kind: WorkloadKind): string {
  const workload = WORKLOADS[kind];
  return `const { ApiObject, Chart } = require('cdk8s');
${workload.require}
const { addToMesh, InjectionMode, IstioBase, Istiod, MeshApp, MeshNamespace, MtlsMode } = require('cdk8s-istio');
const app = new MeshApp({ outdir: process.argv[2] });
const chart = new Chart(app, 'mesh');
new IstioBase(chart, 'base');
new Istiod(chart, 'istiod');
const ns = new MeshNamespace(chart, 'default', { name: 'default', injection: InjectionMode.sidecar() });
addToMesh(${workload.create});
ns.requireMtls(MtlsMode.strict());
app.synth();
`;
}

/** The cdk8s-plus-27 app in TypeScript, for type-checking against the published declarations. */
export const TYPESCRIPT_APP = `import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { addToMesh, InjectionMode, IstioBase, Istiod, MeshApp, MeshNamespace, MtlsMode, type MeshWorkload, type PeerAuthentication } from 'cdk8s-istio';
const app = new MeshApp({ outdir: process.argv[2] });
const chart = new Chart(app, 'mesh');
new IstioBase(chart, 'base', { values: { global: { istioNamespace: 'istio-system' } } });
new Istiod(chart, 'istiod');
const ns: MeshNamespace = new MeshNamespace(chart, 'default', { name: 'default', injection: InjectionMode.sidecar() });
const web: MeshWorkload = addToMesh(new kplus.Deployment(chart, 'web', ${PLUS_DEPLOYMENT}));
const mtls: PeerAuthentication = ns.requireMtls(MtlsMode.strict());
console.log(web.node.path, mtls.node.path);
app.synth();
`;
