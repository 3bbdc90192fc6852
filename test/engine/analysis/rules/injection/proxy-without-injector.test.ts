import { proxyWithoutInjector } from '../../../../../src/engine/analysis/rules/injection/proxy-without-injector';
import { isRecord } from '../../../../../src/engine/k8s/object';
import { at } from '../../../../support/json';
import { deployment, named, namespace, run } from '../../fixtures';

const HAND_WRITTEN = [
  { name: 'web', image: 'example/app:1' },
  { name: 'istio-proxy', image: 'istio/proxyv2:1.30.3' },
];

describe('CDK8SI004 hand-written istio-proxy container', () => {
  test('reports an istio-proxy container that no injector made or will complete', () => {
    const findings = run(proxyWithoutInjector, [
      namespace('shop', { 'istio-injection': 'disabled' }),
      deployment('web', 'shop', { containers: HAND_WRITTEN }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI004', level: 'warning' });
    expect(named(findings[0])).toEqual(['Deployment shop/web']);
  });

  test("stays silent on ztunnel's DaemonSet, whose container is named istio-proxy too", () => {
    const ztunnel = deployment('ztunnel', 'kube-system', {
      kind: 'DaemonSet',
      podLabels: { app: 'ztunnel', 'sidecar.istio.io/inject': 'false' },
      containers: [{ name: 'istio-proxy', image: 'docker.io/istio/ztunnel:1.30.3-distroless' }],
    });
    expect(run(proxyWithoutInjector, [ztunnel])).toEqual([]);
  });

  test("leaves an istio-proxy of image 'auto' to CDK8SI057", () => {
    const auto = deployment('web', 'shop', { containers: [{ name: 'istio-proxy', image: 'auto' }] });
    expect(run(proxyWithoutInjector, [namespace('shop', { 'istio-injection': 'disabled' }), auto])).toEqual([]);
  });

  test('accepts an istio-proxy container that customizes a webhook-injected proxy', () => {
    expect(
      run(proxyWithoutInjector, [
        namespace('shop', { 'istio-injection': 'enabled' }),
        deployment('web', 'shop', { containers: HAND_WRITTEN }),
      ]),
    ).toEqual([]);
  });
});

test('CDK8SI004 accepts a CronJob pre-injected by kube-inject, whose status annotation sits on the job template', () => {
  const cron = deployment('job', 'shop', { kind: 'CronJob', containers: HAND_WRITTEN });
  const jobTemplate = at(cron, 'spec', 'jobTemplate');
  if (!isRecord(jobTemplate)) throw new Error('the CronJob fixture has no spec.jobTemplate');
  jobTemplate.metadata = { annotations: { 'sidecar.istio.io/status': '{}' } };
  expect(run(proxyWithoutInjector, [namespace('shop'), cron])).toEqual([]);
});
