import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IstioBase, type IstioBaseProps } from '../../../src/constructs/control-plane/istio-base';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { FIXTURE_CHARTS, findObject } from '../../engine/charts/test-helpers';
import { at, list } from '../../support/json';

let renders: string;
beforeAll(() => {
  renders = fs.mkdtempSync(path.join(os.tmpdir(), 'base-renders-'));
});
afterAll(() => fs.rmSync(renders, { recursive: true, force: true }));

function base(props: IstioBaseProps = {}): { chart: Chart; base: IstioBase } {
  const chart = new Chart(Testing.app(), 'base');
  return {
    chart,
    base: new IstioBase(chart, 'Base', { sources: [ChartSource.localDir(FIXTURE_CHARTS)], renderCacheDir: renders, ...props }),
  };
}

describe('IstioBase', () => {
  test('renders the CRDs and the reader service account into istio-system', () => {
    const objects = Testing.synth(base().chart);
    findObject(objects, 'CustomResourceDefinition', 'peerauthentications.security.istio.io');
    expect(findObject(objects, 'ServiceAccount', 'istio-reader-service-account').metadata.namespace).toBe('istio-system');
    expect(findObject(objects, 'ValidatingWebhookConfiguration', 'istiod-default-validator').webhooks[0].clientConfig.service).toEqual({
      name: 'istiod',
      namespace: 'istio-system',
      path: '/validate',
    });
  });

  test('crds() returns only the CRDs, as copies', () => {
    const { base: b } = base();
    const crds = b.crds();
    expect(crds.map((c) => c.metadata.name).sort()).toEqual([
      'authorizationpolicies.security.istio.io',
      'peerauthentications.security.istio.io',
    ]);
    Object.assign(crds[0].metadata, { name: 'changed' });
    expect(b.crds().map((c) => c.metadata.name)).not.toContain('changed');
  });

  test('the PeerAuthentication CRD carries a schema with the mTLS modes', () => {
    const crd = base()
      .base.crds()
      .find((c) => c.metadata.name === 'peerauthentications.security.istio.io');
    const v1 = list(crd, 'spec', 'versions').find((v) => v.name === 'v1');
    expect(at(v1, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties', 'mtls', 'properties', 'mode', 'enum')).toEqual([
      'UNSET',
      'DISABLE',
      'PERMISSIVE',
      'STRICT',
    ]);
  });

  test('passes typed values: a revisioned default and excluded CRDs', () => {
    const objects = Testing.synth(
      base({ values: { defaultRevision: 'canary', base: { excludedCRDs: ['authorizationpolicies.security.istio.io'] } } }).chart,
    );
    expect(findObject(objects, 'ValidatingWebhookConfiguration', 'istiod-default-validator').webhooks[0].clientConfig.service.name).toBe(
      'istiod-canary',
    );
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name)).toEqual([
      'peerauthentications.security.istio.io',
    ]);
  });

  test('records bad values as validation errors instead of throwing', () => {
    const { base: b } = base({ values: { global: { resourceScope: 'everything' as 'all' } } });
    expect(b.node.validate()).toEqual([
      expect.stringContaining('values.global.resourceScope is "everything": must be one of all, cluster, namespace'),
    ]);
    expect(b.objects()).toEqual([]);
  });

  test('creates istio-system by default, and not with createNamespace: false', () => {
    expect(findObject(Testing.synth(base().chart), 'Namespace', 'istio-system').metadata).toEqual({ name: 'istio-system' });
    const { chart, base: b } = base({ createNamespace: false });
    expect(b.namespaceObject).toBeUndefined();
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('in kube-system it creates no Namespace (Kubernetes owns it), and an explicit true is an error', () => {
    const { chart, base: b } = base({ namespace: 'kube-system' });
    expect(b.createNamespace).toBe(false);
    expect(Testing.synth(chart).filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(findObject(Testing.synth(chart), 'ServiceAccount', 'istio-reader-service-account').metadata.namespace).toBe('kube-system');
    const { base: explicit } = base({ namespace: 'kube-system', createNamespace: true });
    expect(explicit.node.validate()).toEqual([expect.stringContaining("createNamespace: true for 'kube-system'")]);
    expect(explicit.objects()).toEqual([]);
  });

  test('isIstioBase recognizes an IstioBase of another copy of the library, not other constructs', () => {
    let Other: typeof IstioBase = IstioBase;
    jest.isolateModules(() => {
      Other = (jest.requireActual('../../../src/constructs/control-plane/istio-base') as { IstioBase: typeof IstioBase }).IstioBase;
    });
    const other = new Other(new Chart(Testing.app(), 'c'), 'Base', {
      sources: [ChartSource.localDir(FIXTURE_CHARTS)],
      renderCacheDir: renders,
    });
    expect(other instanceof IstioBase).toBe(false);
    expect(IstioBase.isIstioBase(other)).toBe(true);
    expect(IstioBase.isIstioBase(base().chart)).toBe(false);
  });
});
