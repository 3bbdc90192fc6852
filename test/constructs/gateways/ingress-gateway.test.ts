import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IngressGateway } from '../../../src/constructs/gateways/ingress-gateway';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { parseDocuments } from '../../../src/engine/yaml/documents';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';
import { REFERENCE_ISTIO } from '../../support/shared-data';

let renders = '';
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'ingress-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

describe('IngressGateway', () => {
  test("defaults as Istio's docs install it: release istio-ingressgateway in istio-ingress, a LoadBalancer Service", () => {
    const chart = new Chart(Testing.app(), 'edge');
    const gateway = new IngressGateway(chart, 'Ingress', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders });
    expect(gateway.direction).toBe('ingress');
    expect([gateway.name, gateway.namespace]).toEqual(['istio-ingressgateway', 'istio-ingress']);
    expect(gateway.podSelector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(gateway.servicePorts.map((p) => p.port)).toEqual([15021, 80, 443]);
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'Service', 'istio-ingressgateway').spec.type).toBe('LoadBalancer');
    findObject(objects, 'HorizontalPodAutoscaler', 'istio-ingressgateway');
    findObject(objects, 'Role', 'istio-ingressgateway');
    findObject(objects, 'RoleBinding', 'istio-ingressgateway');
    findObject(objects, 'ServiceAccount', 'istio-ingressgateway');
  });
});

// The reference render (helm template of the real 1.30.3 chart, release istio-ingressgateway in istio-ingress) needs
// the real chart to compare with: ISTIO_CHARTS_DIR pointing at a release's manifests/charts.
const REFERENCE = path.join(REFERENCE_ISTIO, 'gateway.default.yaml');
const realCharts = process.env.ISTIO_CHARTS_DIR;
const hasRealChart =
  realCharts !== undefined &&
  path.resolve(realCharts) !== path.resolve(FIXTURE_CHARTS) &&
  fs.existsSync(path.join(realCharts, 'gateway', 'values.schema.json'));
const missing = [
  ...(fs.existsSync(REFERENCE) ? [] : [`${REFERENCE} is absent`]),
  ...(hasRealChart ? [] : ["ISTIO_CHARTS_DIR does not point at a release's manifests/charts"]),
];
if (missing.length > 0) process.stderr.write(`skipping IngressGateway vs the reference render: ${missing.join('; ')}\n`);

(missing.length === 0 ? describe : describe.skip)('IngressGateway against the reference render of the real chart', () => {
  // cdk8s writes no null values (the chart writes `env:` with no entries) and no empty metadata.annotations map (the
  // chart writes `annotations: {}`): the same objects to the API server.
  test('equals gateway.default.yaml object for object, with the namespace filled in and nulls and empty annotations left out', () => {
    const chart = new Chart(Testing.app(), 'edge');
    new IngressGateway(chart, 'Ingress', {
      sources: [ChartSource.localDir(realCharts ?? '')],
      renderCacheDir: renders,
      createNamespace: false,
    });
    const ours = Testing.synth(chart) as KubeObject[];
    const reference = parseDocuments(fs.readFileSync(REFERENCE, 'utf-8')).map((d) => d.value as KubeObject);
    const key = (o: KubeObject): string => `${o.kind}/${o.metadata.name}`;
    expect(ours.map(key).sort()).toEqual(reference.map(key).sort());
    for (const theirs of reference) {
      const mine = ours.find((o) => key(o) === key(theirs));
      const { annotations, ...metadata } = theirs.metadata;
      const kept = annotations && Object.keys(annotations).length > 0 ? { annotations } : {};
      expect(mine).toEqual(
        withoutNulls({ ...theirs, metadata: { ...metadata, ...kept, namespace: metadata.namespace ?? 'istio-ingress' } }),
      );
    }
  });
});

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}
