import { ApiObject, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  containerPorts,
  describeTarget,
  isConstruct,
  kubeTargetOf,
  podLabels,
  podsOf,
  podTemplateOf,
  selectorLabels,
  servicePorts,
  serviceOf,
  workloadOf,
} from '../../src/constructs/workload-target';

// Port 8080 twice (in two containers): the ports read back are unique and sorted.
const containers = [
  { name: 'web', image: 'nginx', ports: [{ number: 8080 }, { number: 80 }] },
  { name: 'side', image: 'busybox', ports: [{ number: 8080 }] },
];

function plain(chart: Chart, id: string, apiVersion: string, kind: string, spec?: unknown): ApiObject {
  return new ApiObject(chart, id, { apiVersion, kind, metadata: { name: id.toLowerCase() }, spec });
}

describe('workloadOf', () => {
  test.each([
    ['cdk8s-plus-27 Deployment', (c: Chart) => new kplus.Deployment(c, 'W', { containers })],
    ['cdk8s-plus-33 StatefulSet', (c: Chart) => new kplus33.StatefulSet(c, 'W', { containers, service: new kplus33.Service(c, 'S') })],
    ['cdk8s-plus-33 CronJob', (c: Chart) => new kplus33.CronJob(c, 'W', { containers, schedule: Cron.daily() })],
    ['ApiObject DaemonSet', (c: Chart) => plain(c, 'W', 'apps/v1', 'DaemonSet')],
    ['ApiObject Job', (c: Chart) => plain(c, 'W', 'batch/v1', 'Job')],
    ['imported KubeCronJob', (c: Chart) => new kplus.k8s.KubeCronJob(c, 'W', { spec: { schedule: '* * * * *', jobTemplate: {} } })],
  ])('recognises a %s by its ApiObject', (_what, make) => {
    const workload = make(Testing.chart());
    expect(workloadOf(workload)?.apiObject).toBe(ApiObject.of(workload));
  });

  test('carries cdk8s-plus pod metadata, and none for a plain ApiObject', () => {
    const chart = Testing.chart();
    expect(workloadOf(new kplus33.Deployment(chart, 'A', { containers }))?.podMetadata).toBeDefined();
    expect(workloadOf(plain(chart, 'B', 'apps/v1', 'Deployment'))?.podMetadata).toBeUndefined();
  });

  test.each([
    ['a cdk8s-plus Service', (c: Chart) => new kplus.Service(c, 'S')],
    ['a cdk8s-plus Pod', (c: Chart) => new kplus.Pod(c, 'P', { containers })],
    ['a ConfigMap', (c: Chart) => plain(c, 'C', 'v1', 'ConfigMap')],
    ['a Deployment of another apiVersion', (c: Chart) => plain(c, 'D', 'extensions/v1beta1', 'Deployment')],
    ['a Job under apps/v1', (c: Chart) => plain(c, 'J', 'apps/v1', 'Job')],
    ['a construct without an ApiObject', (c: Chart) => new Construct(c, 'X')],
  ])('does not take %s for a workload', (_what, make) => {
    expect(workloadOf(make(Testing.chart()))).toBeUndefined();
  });

  test.each([[undefined], [null], ['web'], [{ node: 'x' }]])('is undefined for %p, which is no construct', (value) => {
    expect(isConstruct(value)).toBe(false);
    expect(workloadOf(value)).toBeUndefined();
  });
});

describe('podsOf and serviceOf', () => {
  test('take a Pod besides workloads, and a v1 Service', () => {
    const chart = Testing.chart();
    expect(podsOf(new kplus33.Pod(chart, 'P', { containers }))?.apiObject.kind).toBe('Pod');
    expect(podsOf(plain(chart, 'D', 'apps/v1', 'Deployment'))?.apiObject.kind).toBe('Deployment');
    expect(podsOf(new kplus.Service(chart, 'S'))).toBeUndefined();
    expect(serviceOf(new kplus33.Service(chart, 'S33'))?.apiObject.kind).toBe('Service');
    expect(serviceOf(plain(chart, 'Svc', 'v1', 'Service'))?.apiObject.kind).toBe('Service');
    expect(serviceOf(plain(chart, 'Dep', 'apps/v1', 'Deployment'))).toBeUndefined();
  });
});

describe('describeTarget', () => {
  test('says what arrived: class, name, kind, and apiVersion for workload kinds', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(describeTarget(new kplus.Service(chart, 'S', { metadata: { name: 'web' } }))).toBe("a cdk8s-plus Service 'web' (kind Service)");
    expect(describeTarget(new kplus33.Deployment(chart, 'D', { metadata: { name: 'api' }, containers }))).toBe(
      "a cdk8s-plus Deployment 'api' (kind Deployment, apiVersion apps/v1)",
    );
    expect(describeTarget(plain(chart, 'Cfg', 'v1', 'ConfigMap'))).toBe("an ApiObject 'cfg' (kind ConfigMap)");
    expect(describeTarget(new kplus.k8s.KubeConfigMap(chart, 'K', { metadata: { name: 'k' } }))).toBe(
      "a KubeConfigMap 'k' (kind ConfigMap)",
    );
    expect(describeTarget(new Construct(chart, 'Thing'))).toBe('a Construct at c/Thing, which holds no ApiObject');
    expect(describeTarget(undefined)).toBe('undefined');
    expect(describeTarget({ kind: 'Deployment' })).toBe('an object');
  });
});

describe('reading pod templates', () => {
  test('finds the template of a Deployment, a CronJob and a Pod', () => {
    const meta = { name: 'x' };
    expect(podTemplateOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { template: { a: 1 } } })).toEqual({ a: 1 });
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta, spec: { jobTemplate: { spec: { template: { b: 2 } } } } };
    expect(podTemplateOf(cron)).toEqual({ b: 2 });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: {} };
    expect(podTemplateOf(pod)).toBe(pod);
    expect(podTemplateOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: {} })).toBeUndefined();
  });

  test('reads pod labels, selector labels and container ports of cdk8s-plus and plain workloads alike', () => {
    const chart = Testing.chart();
    const kp = new kplus33.Deployment(chart, 'K', { select: false, podMetadata: { labels: { app: 'k', tier: 'a' } }, containers });
    kp.select(kplus33.LabelSelector.of({ labels: { app: 'k' } }));
    const api = plain(chart, 'P', 'apps/v1', 'Deployment', {
      selector: { matchLabels: { app: 'p' } },
      template: {
        metadata: { labels: { app: 'p', tier: 'b' } },
        spec: { containers: [{ name: 'a', ports: [{ containerPort: 9090 }, { containerPort: 80 }] }, { name: 'b' }] },
      },
    });
    const [k, p] = [workloadOf(kp)!, workloadOf(api)!];
    expect(podLabels(k)).toEqual({ app: 'k', tier: 'a', 'cdk8s.io/metadata.addr': expect.any(String) });
    expect(podLabels(p)).toEqual({ app: 'p', tier: 'b' });
    expect(selectorLabels(k)).toEqual({ app: 'k' });
    expect(selectorLabels(p)).toEqual({ app: 'p' });
    expect(containerPorts(k)).toEqual([80, 8080]);
    expect(containerPorts(p)).toEqual([80, 9090]);
  });

  test('reads service ports of a cdk8s-plus Service and of a plain one', () => {
    const chart = Testing.chart();
    const kp = serviceOf(new kplus.Service(chart, 'K', { ports: [{ name: 'http', port: 80 }, { port: 9090 }] }))!;
    const api = serviceOf(plain(chart, 'P', 'v1', 'Service', { ports: [{ name: 'grpc', port: 50051 }, { name: 'bad' }] }))!;
    expect(servicePorts(kp)).toEqual([{ name: 'http', port: 80 }, { port: 9090 }]);
    expect(servicePorts(api)).toEqual([{ name: 'grpc', port: 50051 }]);
  });

  test('kubeTargetOf finds the default child of a cdk8s-plus resource', () => {
    const d = new kplus.Deployment(Testing.chart(), 'D', { containers });
    expect(kubeTargetOf(d)?.construct).toBe(d);
    expect(kubeTargetOf(d)?.apiObject.node.id).toBe('Resource');
  });
});
