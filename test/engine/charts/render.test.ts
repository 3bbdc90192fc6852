import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { renderChart, renderChartTemplates } from '../../../src/engine/charts/render';
import { resolveChart } from '../../../src/engine/charts/resolve';
import { locateHelm } from '../../../src/engine/charts/helm-binary';
import { UserError } from '../../../src/errors';
import { countingRunner, FIXTURE_CHARTS as FIXTURES, findObject as find, listTree, useTempDir, withFakeHelm } from './test-helpers';

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
    expect(env.find((e: { name: string }) => e.name === 'GOMAXPROCS').valueFrom.resourceFieldRef).toEqual({
      resource: 'limits.cpu',
      divisor: '0',
    });
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

describe('renderChartTemplates', () => {
  test('gives the template of every object, the same from helm and from the cache', () => {
    const chart = resolveChart('istiod', '1.30.3', [ChartSource.localDir(FIXTURES)]);
    const options = {
      chart,
      release: 'istiod',
      namespace: 'istio-system',
      values: { revisionTags: ['prod'] },
      cacheDir: path.join(tmpDir(), 'renders'),
    };
    const counter = countingRunner();
    try {
      const fresh = renderChartTemplates(options);
      const cached = renderChartTemplates(options);
      expect(counter.calls.filter((c) => c.includes('template'))).toHaveLength(1);
      expect(cached).toEqual(fresh);
      const templateOf = (kind: string, name: string) =>
        fresh.find((r) => r.object.kind === kind && r.object.metadata.name === name)?.template;
      expect(templateOf('MutatingWebhookConfiguration', 'istio-revision-tag-prod')).toBe('templates/revision-tags-mwc.yaml');
      expect(templateOf('Service', 'istiod-revision-tag-prod')).toBe('templates/revision-tags-svc.yaml');
      expect(templateOf('Deployment', 'istiod')).toBe('templates/deployment.yaml');
      expect(fresh.map((r) => r.object)).toEqual(renderChart(options));
    } finally {
      counter.restore();
    }
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

describe('hostile values and a broken helm', () => {
  const renders = () => path.join(tmpDir(), 'renders');
  /** A fake helm's script that reads the values and prints `output` with exit status 0. */
  const printing = (output: string): string => {
    const file = path.join(tmpDir(), 'helm-output.yaml');
    fs.writeFileSync(file, output);
    return `cat > /dev/null; cat '${file}'`;
  };
  const smuggled = {
    global: {
      imagePullSecrets: [
        'regcred\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: pwn\n' +
          'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
          'subjects: [{ kind: ServiceAccount, name: default, namespace: default }]',
      ],
    },
  };

  test('a value that would smuggle an object into the output is refused before helm runs, naming its path', () => {
    const counter = countingRunner();
    try {
      expect(() => render(smuggled)).toThrow(UserError);
      expect(() => render(smuggled)).toThrow(/^values\.global\.imagePullSecrets\[0\] holds a line feed \(U\+000A\) at position 7: /);
      expect(counter.calls).toHaveLength(0);
      expect(listTree(renders())).toEqual([]);
    } finally {
      counter.restore();
    }
  });

  test('the fixture chart prints imagePullSecrets unquoted like the real one, so the value check is what stops smuggling', () => {
    // A plain helm render of the same values: the extra object is there, and carries a genuine Source header.
    const result = spawnSync(
      locateHelm(),
      ['template', 'istiod', path.join(FIXTURES, 'istio-control', 'istio-discovery'), '--values', '-'],
      {
        input: JSON.stringify(smuggled),
        encoding: 'utf-8',
      },
    );
    expect(result.stdout).toContain(
      '# Source: istiod/templates/serviceaccount.yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding',
    );
  });

  test('a helm that exits 0 and prints nothing is an error, and nothing is cached', () => {
    withFakeHelm(tmpDir(), 'cat > /dev/null; exit 0', () => {
      expect(() => render()).toThrow(/^helm template istiod \(.*\) rendered no objects; check that HELM_BIN/);
    });
    expect(listTree(renders())).toEqual([]);
  });

  test("a helm whose output lacks the chart's Deployment is an error, and nothing is cached", () => {
    const output = '---\n# Source: istiod/templates/serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: istiod\n';
    withFakeHelm(tmpDir(), printing(output), () => {
      expect(() => render()).toThrow(/rendered no Deployment istiod, which the istiod chart always renders for these values/);
    });
    expect(listTree(renders())).toEqual([]);
  });

  test('a document no template of the chart wrote is an error naming it, and nothing is cached', () => {
    const output =
      '---\n# Source: istiod/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istiod\n' +
      '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: planted\n';
    withFakeHelm(tmpDir(), printing(output), () => {
      expect(() => render()).toThrow(/: document 2 \(Secret planted, line 8\) has no '# Source:' header; /);
    });
    expect(listTree(renders())).toEqual([]);
  });

  test('a helm that hangs is killed at the limit, with one line naming the command, the limit and how to raise it', () => {
    withFakeHelm(tmpDir(), 'exec sleep 30', () => {
      const chart = resolveChart('istiod', '1.30.3', [ChartSource.localDir(FIXTURES)]);
      const run = () =>
        renderChart({ chart, release: 'istiod', namespace: 'istio-system', values: {}, cacheDir: renders(), timeoutMs: 500 });
      expect(run).toThrow(UserError);
      expect(run).toThrow(
        new RegExp(
          `^helm template istiod \\(${chart.origin.replace(/[/.]/g, '\\$&')}\\) did not finish within 0\\.5 s and was stopped; ` +
            "raise the limit with the construct's renderTimeout prop or CDK8S_ISTIO_HELM_TIMEOUT=<seconds>$",
        ),
      );
    });
    expect(listTree(renders())).toEqual([]);
  });

  test('CDK8S_ISTIO_HELM_TIMEOUT sets the limit when no timeout is given', () => {
    process.env.CDK8S_ISTIO_HELM_TIMEOUT = '0.5';
    try {
      withFakeHelm(tmpDir(), 'exec sleep 30', () => expect(() => render()).toThrow(/did not finish within 0\.5 s/));
    } finally {
      delete process.env.CDK8S_ISTIO_HELM_TIMEOUT;
    }
  });

  test('a helm that cannot be started is one line naming it and the fix, and nothing is cached', () => {
    const broken = path.join(tmpDir(), 'helm-without-interpreter');
    fs.writeFileSync(broken, '#!/nonexistent/interpreter\n', { mode: 0o755 });
    const previous = process.env.HELM_BIN;
    process.env.HELM_BIN = broken;
    try {
      expect(() => render()).toThrow(UserError);
      expect(() => render()).toThrow(new RegExp(`^could not run ${broken}: .*ENOENT.*; set HELM_BIN to a working helm v3\\.14\\+ binary$`));
    } finally {
      if (previous === undefined) delete process.env.HELM_BIN;
      else process.env.HELM_BIN = previous;
    }
    expect(listTree(renders())).toEqual([]);
  });

  test("helm's failure is reported on one line", () => {
    withFakeHelm(
      tmpDir(),
      "cat > /dev/null; echo 'walk.go:75: warning' >&2; echo 'Error: template: broken' >&2; echo '  more' >&2; exit 1",
      () => {
        expect(() => render()).toThrow(/^helm template istiod \(.*\) failed: template: broken$/);
      },
    );
  });
});

describe('resource scope: charts whose values turn objects off', () => {
  const renderOf = (name: 'ztunnel' | 'cni', values: Record<string, unknown>) => {
    const chart = resolveChart(name, '1.30.3', [ChartSource.localDir(FIXTURES)]);
    return renderChart({ chart, release: name, namespace: 'istio-system', values, cacheDir: path.join(tmpDir(), 'renders') });
  };
  const kinds = (objects: ReadonlyArray<{ kind: string; metadata: { name?: string } }>) =>
    objects.map((o) => `${o.kind}/${o.metadata.name}`);

  test.each([
    ['the top-level resourceScope', { resourceScope: 'cluster' }],
    ['the global resourceScope', { global: { resourceScope: 'cluster' } }],
  ])('ztunnel with only cluster-scoped objects renders nothing, as the real chart does, set by %s', (_how, values) => {
    expect(renderOf('ztunnel', values)).toEqual([]);
    // The empty render is cached like any other: a second one starts no process.
    const counter = countingRunner();
    try {
      expect(renderOf('ztunnel', values)).toEqual([]);
      expect(counter.calls).toHaveLength(0);
    } finally {
      counter.restore();
    }
  });

  test('ztunnel with only cluster-scoped objects on OpenShift renders its cluster role and binding', () => {
    expect(kinds(renderOf('ztunnel', { resourceScope: 'cluster', platform: 'openshift' }))).toEqual([
      'ClusterRole/ztunnel',
      'ClusterRoleBinding/ztunnel',
    ]);
  });

  test('cni with only cluster-scoped objects renders its cluster roles; with namespaced ones only, its node agent', () => {
    expect(kinds(renderOf('cni', { global: { resourceScope: 'cluster' } }))).toEqual(
      expect.arrayContaining(['ClusterRole/istio-cni', 'ClusterRoleBinding/istio-cni']),
    );
    expect(kinds(renderOf('cni', { global: { resourceScope: 'namespace' } })).sort()).toEqual([
      'ConfigMap/istio-cni-config',
      'DaemonSet/istio-cni-node',
      'ServiceAccount/istio-cni',
    ]);
  });

  test('a helm that prints nothing for ztunnel with its namespaced objects on is still an error, and nothing is cached', () => {
    withFakeHelm(tmpDir(), 'cat > /dev/null; exit 0', () => {
      expect(() => renderOf('ztunnel', { resourceScope: 'namespace', global: { resourceScope: 'cluster' } })).toThrow(
        /^helm template ztunnel \(.*\) rendered no objects; check that HELM_BIN/,
      );
    });
    expect(listTree(path.join(tmpDir(), 'renders'))).toEqual([]);
  });

  test('a helm that prints nothing for cni with only cluster-scoped objects is an error: the chart has cluster roles then', () => {
    withFakeHelm(tmpDir(), 'cat > /dev/null; exit 0', () => {
      expect(() => renderOf('cni', { global: { resourceScope: 'cluster' } })).toThrow(/^helm template cni \(.*\) rendered no objects; /);
    });
  });
});
