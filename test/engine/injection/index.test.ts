import { buildInjectionSettings, InjectionError, injectObject, injectYaml } from '../../../src/engine/injection';
import { at } from '../../support/json';
import { deployment, names } from './support/workloads';

const settings = buildInjectionSettings();

describe('injectObject', () => {
  it('does not change its input', () => {
    const input = deployment();
    const snapshot = JSON.stringify(input);
    injectObject(input, settings);
    expect(JSON.stringify(input)).toBe(snapshot);
  });

  it('returns objects of other kinds as they are', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } };
    expect(injectObject(service, settings)).toEqual({ object: service, warnings: [] });
  });

  it('injects every workload in a List', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [deployment({}, 'a'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }, deployment({}, 'b')],
    };
    const out = injectObject(list, settings).object;
    expect(names(at(out, 'items', 0, 'spec', 'template', 'spec', 'initContainers'))).toEqual(['istio-init', 'istio-proxy']);
    expect(at(out, 'items', 1)).toEqual(list.items[1]);
    expect(names(at(out, 'items', 2, 'spec', 'template', 'spec', 'initContainers'))).toEqual(['istio-init', 'istio-proxy']);
  });

  it('warns and leaves host-network pods alone', () => {
    const input = deployment({ spec: { hostNetwork: true, containers: [{ name: 'app', image: 'a' }] } });
    const result = injectObject(input, settings);
    expect(result.warnings).toEqual(['===> Skipping injection because Deployment "shop/web" has host networking enabled']);
    expect(at(result.object, 'spec', 'template', 'spec', 'initContainers')).toBeUndefined();
  });

  it('fails with InjectionError for invalid traffic annotations', () => {
    const input = deployment({ annotations: { 'traffic.sidecar.istio.io/includeOutboundIPRanges': 'not-a-cidr' } });
    expect(() => injectObject(input, settings)).toThrow(InjectionError);
    try {
      injectObject(input, settings);
    } catch (e) {
      expect((e as InjectionError).document).toBe('Deployment shop/web');
      expect((e as Error).message).toMatch(/includeIPRanges/);
    }
  });

  it('fails with InjectionError for a workload without a pod template', () => {
    expect(() => injectObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} }, settings)).toThrow(
      /spec.template is required/,
    );
  });

  it('fails with InjectionError for mistyped pod fields', () => {
    expect(() => injectObject(deployment({ labels: { version: 2 } }), settings)).toThrow(/metadata.labels.version must be a string/);
  });
});

describe('injectYaml', () => {
  const service = '# the service\napiVersion: v1\nkind: Service\nmetadata:\n  name: s   # odd spacing kept\n';
  const workload =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {}\n  template:\n    spec:\n      containers:\n      - name: app\n        image: a\n';

  it('copies other documents byte for byte and ends every document with ---', () => {
    const { yaml } = injectYaml(`${service}---\n${workload}`, settings);
    expect(yaml.startsWith(`${service}---\n`)).toBe(true);
    expect(yaml.endsWith('---\n')).toBe(true);
    expect(yaml.split(/^---$/m)).toHaveLength(3);
    expect(yaml).toContain('name: istio-proxy');
  });

  it('names the source and line of a document that fails', () => {
    const bad = workload
      .replace('name: web', 'name: web\n  namespace: x')
      .replace('    spec:', '    metadata:\n      annotations:\n        traffic.sidecar.istio.io/excludeInboundPorts: "abc"\n    spec:');
    expect(() => injectYaml(`${service}---\n${bad}`, settings, 'apps.yaml')).toThrow(/^apps\.yaml:7: /);
  });
});
