import { render, SPRIG_FUNCTIONS } from '../../../src/engine/gotemplate';
import {
  annotationOr,
  appContainerNames,
  goTemplateInput,
  proxyMetadataEnv,
  type TemplateInput,
  templateInterceptionMode,
  usesNativeSidecar,
  valueString,
} from '../../../src/engine/injection/context';
import { templateInput } from './support/template-input';

function input(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return templateInput({
    values: { global: { hub: 'docker.io/istio', proxy: { statusPort: 15020 } } },
    mesh: { trustDomain: 'cluster.local', defaultConfig: { discoveryAddress: 'istiod:15012' } },
    proxyConfig: { discoveryAddress: 'istiod:15012', proxyMetadata: { B: '2', A: '1' } },
    meta: { name: 'web-1', namespace: 'shop' },
    spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] },
    annotations: { 'sidecar.istio.io/interceptionMode': 'TPROXY' },
    ...overrides,
  });
}

describe('template input helpers', () => {
  test('read annotations, values and containers as the built-in templates need them', () => {
    const i = input();
    expect(annotationOr(i, 'sidecar.istio.io/logLevel', 'warning')).toBe('warning');
    expect(annotationOr(i, 'x', null)).toBe('<nil>');
    expect(valueString(i, 'global.proxy.statusPort')).toBe('15020');
    expect(appContainerNames(i)).toEqual(['app']);
    expect(templateInterceptionMode(i)).toBe('TPROXY');
    expect(usesNativeSidecar(i)).toBe(false);
    expect(proxyMetadataEnv(i)).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });
});

describe('goTemplateInput', () => {
  const run = (src: string, i = input()): string => render(src, goTemplateInput(i), { name: 't', funcs: SPRIG_FUNCTIONS });

  test('hands templates the pod as Go structs with the pod labels and annotations', () => {
    expect(run('{{ .ObjectMeta.Name }} {{ .ObjectMeta.Labels }} {{ len .Spec.Containers }} {{ .DeploymentMeta }} {{ .ProxyUID }}')).toBe(
      'web-1 map[app:web] 2 shop/web 1337',
    );
  });

  test('names proxy and mesh config fields as Go does, keeping map keys and typing string maps', () => {
    expect(run('{{ .ProxyConfig.DiscoveryAddress }} {{ .MeshConfig.TrustDomain }} {{ .ProxyConfig.ProxyMetadata.A }}')).toBe(
      'istiod:15012 cluster.local 1',
    );
    expect(run('{{ printf "%T %T" .ProxyConfig .ProxyConfig.ProxyMetadata }}')).toBe('*v1alpha1.ProxyConfig map[string]string');
  });

  test('defaults the interception mode as the protobuf enum does', () => {
    expect(run('{{ .ProxyConfig.InterceptionMode }}')).toBe('REDIRECT');
    expect(run('{{ .ProxyConfig.InterceptionMode }}', input({ proxyConfig: { interceptionMode: 'TPROXY' } }))).toBe('TPROXY');
  });
});
