import * as fs from 'fs';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { renderChart } from '../../../src/engine/charts/render';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { UserError } from '../../../src/errors';
import { countingRunner, FIXTURE_CHARTS as FIXTURES, findObject as find, useTempDir } from './test-helpers';

const tmpDir = useTempDir('render-test-');

function render(values: Record<string, unknown> = {}, namespace = 'istio-system', chartDir = FIXTURES) {
  const chart = resolveChart('istiod', '1.30.3', [ChartSource.localDir(chartDir)]);
  return renderChart({ chart, release: 'istiod', namespace, values, cacheDir: path.join(tmpDir(), 'renders') });
}

describe('renderChart', () => {
  test('renders the fixture istiod chart with the values given', () => {
    const objects = render({ global: { hub: 'docker.io/istio', tag: '1.30.3' }, revision: 'canary' });
    const deployment = find(objects, 'Deployment', 'istiod-canary');
    expect(deployment.spec.template.spec.containers[0].image).toBe('docker.io/istio/pilot:1.30.3');
    find(objects, 'MutatingWebhookConfiguration', 'istio-sidecar-injector-canary');
  });

  test('passes the namespace to helm explicitly', () => {
    const objects = render({}, 'mesh-control');
    expect(find(objects, 'Deployment', 'istiod').metadata.namespace).toBe('mesh-control');
    expect(find(objects, 'ClusterRole', 'istiod-clusterrole-mesh-control').metadata.namespace).toBeUndefined();
  });

  test('fills the divisor of resourceFieldRef the way the API server reports it', () => {
    const env = find(render(), 'Deployment', 'istiod').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'GOMAXPROCS').valueFrom.resourceFieldRef).toEqual({ resource: 'limits.cpu', divisor: '0' });
  });

  test('fills the namespace of namespaced objects that the chart leaves without one', () => {
    const chart = resolveChart('base', '1.30.3', [ChartSource.localDir(FIXTURES)]);
    const objects = renderChart({
      chart,
      release: 'istio-base',
      namespace: 'istio-system',
      values: {},
      cacheDir: path.join(tmpDir(), 'renders'),
    });
    expect(find(objects, 'ServiceAccount', 'istio-reader-service-account').metadata.namespace).toBe('istio-system');
    expect(find(objects, 'CustomResourceDefinition', 'peerauthentications.security.istio.io').metadata.namespace).toBeUndefined();
    expect(find(objects, 'ValidatingWebhookConfiguration', 'istiod-default-validator').metadata.namespace).toBeUndefined();
  });

  test("keeps helm's object order", () => {
    const kinds = render().map((o) => o.kind);
    expect(kinds.indexOf('ServiceAccount')).toBeLessThan(kinds.indexOf('Deployment'));
    expect(kinds.indexOf('Deployment')).toBeLessThan(kinds.indexOf('MutatingWebhookConfiguration'));
  });

  test("reports a failing chart with helm's message", () => {
    expect(() => render({ profile: 'nope' })).toThrow(UserError);
    expect(() => render({ profile: 'nope' })).toThrow(/profile "nope" is not one this chart ships/);
  });
});

describe('render cache', () => {
  test('a second render with nothing changed starts no process', () => {
    const counter = countingRunner();
    try {
      const first = render({ replicaCount: 2 });
      expect(counter.calls.filter((c) => c.includes('template'))).toHaveLength(1);
      const second = render({ replicaCount: 2 });
      expect(counter.calls).toHaveLength(1);
      expect(second).toEqual(first);
    } finally {
      counter.restore();
    }
  });

  test('renders again when the values change', () => {
    const counter = countingRunner();
    try {
      render({ replicaCount: 2, autoscaleEnabled: false });
      const objects = render({ replicaCount: 3, autoscaleEnabled: false });
      expect(counter.calls).toHaveLength(2);
      expect(find(objects, 'Deployment', 'istiod').spec.replicas).toBe(3);
    } finally {
      counter.restore();
    }
  });

  test('renders again when a chart file changes', () => {
    const copy = path.join(tmpDir(), 'charts');
    fs.cpSync(FIXTURES, copy, { recursive: true });
    render({}, 'istio-system', copy);
    const template = path.join(copy, 'istio-control', 'istio-discovery', 'templates', 'clusterrole.yaml');
    fs.writeFileSync(template, fs.readFileSync(template, 'utf-8').replace('verbs: [get, watch, list]', 'verbs: [get]'));
    const counter = countingRunner();
    try {
      const objects = render({}, 'istio-system', copy);
      expect(counter.calls).toHaveLength(1);
      expect(find(objects, 'ClusterRole', 'istiod-clusterrole-istio-system').rules[0].verbs).toEqual(['get']);
    } finally {
      counter.restore();
    }
  });

  test('renders again when the namespace or release changes', () => {
    const counter = countingRunner();
    try {
      render({}, 'istio-system');
      render({}, 'other-system');
      const chart = resolveChart('istiod', '1.30.3', [ChartSource.localDir(FIXTURES)]);
      renderChart({ chart, release: 'istiod-two', namespace: 'istio-system', values: {}, cacheDir: path.join(tmpDir(), 'renders') });
      expect(counter.calls).toHaveLength(3);
    } finally {
      counter.restore();
    }
  });

  test('an unchanged second render never runs the helm binary (counting wrapper on HELM_BIN)', () => {
    const realHelm = locateHelm();
    const log = path.join(tmpDir(), 'helm-calls.log');
    const wrapper = path.join(tmpDir(), 'helm');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${log}'\nexec '${realHelm}' "$@"\n`, { mode: 0o755 });
    const previous = process.env.HELM_BIN;
    process.env.HELM_BIN = wrapper;
    try {
      render({ meshConfig: { accessLogFile: '/dev/stdout' } });
      render({ meshConfig: { accessLogFile: '/dev/stdout' } });
      expect(fs.readFileSync(log, 'utf-8').trim().split('\n')).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.HELM_BIN;
      else process.env.HELM_BIN = previous;
    }
  });
});
