import { App, Chart } from 'cdk8s';
import { ServiceEntry } from '../../../src/constructs/policies/service-entry';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { crdSuiteName, crdValidator, ISTIO_CRDS, schemaIssues } from '../../support/crds';
import { validationErrors } from '../../support/chart';

function setup() {
  const app = new App();
  return { app, chart: new Chart(app, 'test', { namespace: 'shop' }) };
}
const entries = (chart: Chart) => (chart.toJson() as KubeObject[]).filter((o) => o.kind === 'ServiceEntry');

describe('ServiceEntry', () => {
  test('renders an external DNS host with named ports, MESH_EXTERNAL and DNS by default', () => {
    const { app, chart } = setup();
    new ServiceEntry(chart, 'Api', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: 'TLS' }] });
    expect(validationErrors(app)).toEqual([]);
    const se = entries(chart).find((o) => o.metadata.name === 'api.example.com');
    expect(se?.apiVersion).toBe('networking.istio.io/v1');
    expect(se?.spec).toEqual({
      hosts: ['api.example.com'],
      ports: [{ number: 443, protocol: 'TLS', name: 'tls-443' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
    });
  });

  test('fails on Istio validation rules: no ports, a bare wildcard, wildcard DNS, STATIC names, a reused port name', () => {
    const { app, chart } = setup();
    new ServiceEntry(chart, 'NoPorts', { name: 'a', hosts: ['*'], ports: [] });
    new ServiceEntry(chart, 'Wild', { name: 'b', hosts: ['*.example.com'], ports: [{ number: 80, protocol: 'HTTP' }] });
    new ServiceEntry(chart, 'Static', {
      name: 'c',
      hosts: ['db.internal'],
      resolution: 'STATIC',
      endpoints: [{ address: 'db.example.com', ports: { sql: 5432 } }],
      ports: [
        { number: 5432, protocol: 'TCP', name: 'tcp' },
        { number: 5433, protocol: 'TCP', name: 'tcp' },
      ],
    });
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^service entry has no ports/),
      expect.stringMatching(/^host '\*' is not valid/),
      expect.stringMatching(/^resolution DNS cannot resolve the wildcard host '\*.example.com' without endpoints/),
      expect.stringMatching(/^port name 'tcp' is used twice/),
      expect.stringMatching(/^endpoint 'db.example.com' is not an IP address/),
      expect.stringMatching(/^endpoint port 'sql' is not a port name of the service entry/),
    ]);
  });
});

const validator = crdValidator(ISTIO_CRDS, ['serviceentries.networking.istio.io']);
(validator ? describe : describe.skip)(crdSuiteName('ServiceEntry against the Istio 1.30.3 CRD', ISTIO_CRDS), () => {
  test('a ServiceEntry using every field we write is valid', () => {
    const { chart } = setup();
    new ServiceEntry(chart, 'All', {
      name: 'all',
      hosts: ['db.example.com'],
      addresses: ['10.0.0.0/24'],
      ports: [{ number: 5432, protocol: 'TCP', name: 'sql', targetPort: 15432 }],
      resolution: 'STATIC',
      location: 'MESH_INTERNAL',
      endpoints: [{ address: '10.0.0.5', ports: { sql: 5432 }, labels: { app: 'db' }, weight: 2 }],
      exportTo: ['.'],
    });
    expect(schemaIssues(validator!, chart.toJson() as KubeObject[])).toEqual([]);
  });

  test('the check can fail: an unknown resolution is reported', () => {
    const bad = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'x' },
      spec: { hosts: ['a'], resolution: 'MAGIC' },
    };
    expect(validator!.validate(bad)).not.toEqual([]);
  });
});
