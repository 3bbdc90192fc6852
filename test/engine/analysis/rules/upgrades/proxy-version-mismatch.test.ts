import { proxyVersionMismatch } from '../../../../../src/engine/analysis/rules/upgrades/proxy-version-mismatch';
import { type KubeObject } from '../../../../../src/engine/k8s/object';
import { deployment, injectionWebhook, namespace, named, preInjected, run } from '../../fixtures';

function istiodAt(revision: string, version: string): KubeObject {
  return deployment(`istiod-${revision}`, 'istio-system', {
    labels: { app: 'istiod', 'istio.io/rev': revision },
    podLabels: { app: 'istiod', 'istio.io/rev': revision, istio: 'pilot' },
    containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${version}` }],
  });
}

function proxyAt(version: string): KubeObject {
  return preInjected('web', 'shop', {
    podSpec: {
      containers: [
        { name: 'web', image: 'nginx:1.27' },
        { name: 'istio-proxy', image: `docker.io/istio/proxyv2:${version}` },
      ],
    },
  });
}

const prodTag = (revision: string) => injectionWebhook('istio-revision-tag-prod', [], { 'istio.io/tag': 'prod', 'istio.io/rev': revision });

describe('CDK8SI041 pre-injected proxy of another version', () => {
  test('reports a 1.29 proxy in a namespace whose tag now points at the 1.30.3 revision', () => {
    const objects = [
      istiodAt('1-29-6', '1.29.6'),
      istiodAt('1-30-3', '1.30.3'),
      prodTag('1-30-3'),
      namespace('shop', { 'istio.io/rev': 'prod' }),
      proxyAt('1.29.6'),
    ];
    const findings = run(proxyVersionMismatch, objects);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI041', level: 'warning' });
    expect(findings[0].message).toContain(
      "carries proxy version 1.29.6, but namespace 'shop' is served by revision '1-30-3' at version 1.30.3",
    );
    expect(named(findings[0])).toEqual(['Deployment shop/web', 'Deployment istio-system/istiod-1-30-3']);
  });

  test('stays silent when the versions match or no revision serves the namespace', () => {
    const control = [istiodAt('1-29-6', '1.29.6'), istiodAt('1-30-3', '1.30.3'), prodTag('1-30-3')];
    expect(run(proxyVersionMismatch, [...control, namespace('shop', { 'istio.io/rev': 'prod' }), proxyAt('1.30.3')])).toEqual([]);
    expect(run(proxyVersionMismatch, [...control, namespace('shop'), proxyAt('1.29.6')])).toEqual([]);
  });
});
