import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { requiredObjects } from '../../../src/model/values/required-objects';
import { REFERENCE_ISTIO } from '../../support/shared-data';

describe('requiredObjects', () => {
  const injector = { kind: 'MutatingWebhookConfiguration' };

  test('istiod: its Deployment, named after the revision, and its injector webhook', () => {
    expect(requiredObjects('istiod', {})).toEqual([{ kind: 'Deployment', name: 'istiod' }, injector]);
    expect(requiredObjects('istiod', { revision: 'canary' })).toEqual([{ kind: 'Deployment', name: 'istiod-canary' }, injector]);
  });

  test('istiod: no Deployment for a remote control plane or cluster-scoped objects only; the webhook stays', () => {
    expect(requiredObjects('istiod', { profile: 'remote' })).toEqual([injector]);
    expect(requiredObjects('istiod', { global: { profile: 'remote' } })).toEqual([injector]);
    // The chart picks the profile with coalesce, which skips an empty top-level profile.
    expect(requiredObjects('istiod', { profile: '', global: { profile: 'remote' } })).toEqual([injector]);
    expect(requiredObjects('istiod', { istiodRemote: { enabled: true } })).toEqual([injector]);
    expect(requiredObjects('istiod', { global: { resourceScope: 'cluster' } })).toEqual([injector]);
  });

  test('istiod: no webhook with namespaced objects only, or when something else manages the webhooks', () => {
    expect(requiredObjects('istiod', { global: { resourceScope: 'namespace' } })).toEqual([{ kind: 'Deployment', name: 'istiod' }]);
    expect(requiredObjects('istiod', { global: { operatorManageWebhooks: true } })).toEqual([{ kind: 'Deployment', name: 'istiod' }]);
  });

  test('istiod: a remote profile with a local injector istiod still has the Deployment', () => {
    expect(requiredObjects('istiod', { profile: 'remote', istiodRemote: { enabledLocalInjectorIstiod: true } })).toEqual([
      { kind: 'Deployment', name: 'istiod' },
      injector,
    ]);
  });

  test('base: the reader service account, the default validator and the CRDs', () => {
    expect(requiredObjects('base', {})).toEqual([
      { kind: 'ServiceAccount', name: 'istio-reader-service-account' },
      { kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator' },
      { kind: 'CustomResourceDefinition' },
    ]);
  });

  test('base: each is dropped by the values that turn it off', () => {
    expect(requiredObjects('base', { global: { resourceScope: 'namespace' } })).toEqual([
      { kind: 'ServiceAccount', name: 'istio-reader-service-account' },
    ]);
    expect(requiredObjects('base', { global: { resourceScope: 'cluster', enableReaderRBAC: false } }).map((o) => o.kind)).toEqual([
      'ValidatingWebhookConfiguration',
      'CustomResourceDefinition',
    ]);
    expect(requiredObjects('base', { defaultRevision: '', base: { excludedCRDs: ['x'] }, global: { enableReaderRBAC: false } })).toEqual(
      [],
    );
    expect(
      requiredObjects('base', { defaultRevision: '', base: { enableCRDTemplates: false }, global: { enableReaderRBAC: false } }),
    ).toEqual([]);
  });

  test('gateway: its workload of the chosen kind and its Service, unless service.type is None', () => {
    expect(requiredObjects('gateway', {})).toEqual([{ kind: 'Deployment' }, { kind: 'Service' }]);
    expect(requiredObjects('gateway', { kind: 'DaemonSet', service: { type: 'None' } })).toEqual([{ kind: 'DaemonSet' }]);
  });

  const cniNamespaced = [
    { kind: 'DaemonSet', name: 'istio-cni-node' },
    { kind: 'ConfigMap', name: 'istio-cni-config' },
    { kind: 'ServiceAccount', name: 'istio-cni' },
  ];
  const cniCluster = [
    { kind: 'ClusterRole', name: 'istio-cni' },
    { kind: 'ClusterRoleBinding', name: 'istio-cni' },
  ];

  test('cni: its namespaced objects and its cluster role, each kept by the global resource scope that renders it', () => {
    expect(requiredObjects('cni', {})).toEqual([...cniNamespaced, ...cniCluster]);
    expect(requiredObjects('cni', { cni: { cniBinDir: '/x' }, global: { resourceScope: 'namespace' } })).toEqual(cniNamespaced);
    expect(requiredObjects('cni', { global: { resourceScope: 'cluster' } })).toEqual(cniCluster);
    // The chart reads only the global scope.
    expect(requiredObjects('cni', { resourceScope: 'cluster' })).toEqual([...cniNamespaced, ...cniCluster]);
  });

  test('ztunnel: its DaemonSet and ServiceAccount, named after resourceName; the top-level resourceScope wins over the global one', () => {
    const zt = (name: string) => [
      { kind: 'DaemonSet', name },
      { kind: 'ServiceAccount', name },
    ];
    expect(requiredObjects('ztunnel', {})).toEqual(zt('ztunnel'));
    expect(requiredObjects('ztunnel', { resourceName: 'zt' })).toEqual(zt('zt'));
    expect(requiredObjects('ztunnel', { resourceScope: 'all', global: { resourceScope: 'cluster' } })).toEqual(zt('ztunnel'));
  });

  test('ztunnel: nothing at all with only cluster-scoped objects, except its cluster role on OpenShift', () => {
    expect(requiredObjects('ztunnel', { resourceScope: 'cluster' })).toEqual([]);
    expect(requiredObjects('ztunnel', { global: { resourceScope: 'cluster' } })).toEqual([]);
    expect(requiredObjects('ztunnel', { resourceScope: 'cluster', global: { resourceScope: 'namespace' } })).toEqual([]);
    expect(requiredObjects('ztunnel', { global: { resourceScope: 'cluster', platform: 'openshift' } })).toEqual([
      { kind: 'ClusterRole', name: 'ztunnel' },
      { kind: 'ClusterRoleBinding', name: 'ztunnel' },
    ]);
    expect(requiredObjects('ztunnel', { resourceScope: 'namespace', platform: 'openshift' }).map((o) => o.kind)).toEqual([
      'DaemonSet',
      'ServiceAccount',
    ]);
  });

  test('gateway: the same objects whatever the resource scope (the chart does not read it)', () => {
    expect(requiredObjects('gateway', { global: { resourceScope: 'cluster' } })).toEqual(requiredObjects('gateway', {}));
    expect(requiredObjects('gateway', { global: { resourceScope: 'namespace' } })).toEqual(requiredObjects('gateway', {}));
  });

  test('other charts: nothing', () => {
    expect(requiredObjects('no-such-chart', {})).toEqual([]);
  });
});

// The reference renders of the real charts (helm template of Istio 1.30.3, see ../shared/reference/README.md).
const RENDERS: ReadonlyArray<[file: string, chart: string, values: Record<string, unknown>]> = [
  ['base.default.yaml', 'base', {}],
  ['base.defaultRevision-canary.yaml', 'base', { defaultRevision: 'canary' }],
  ['istiod.default.yaml', 'istiod', {}],
  ['istiod.revision-canary.yaml', 'istiod', { revision: 'canary' }],
  ['istiod.profile-ambient.yaml', 'istiod', { profile: 'ambient' }],
  ['istiod.revision-1-30-3.revisionTags-prod.yaml', 'istiod', { revision: '1-30-3', revisionTags: ['prod'] }],
  ['istio-cni.profile-ambient.yaml', 'cni', { profile: 'ambient' }],
  ['ztunnel.profile-ambient.yaml', 'ztunnel', { profile: 'ambient' }],
  ['gateway.default.yaml', 'gateway', {}],
];
const available = fs.existsSync(REFERENCE_ISTIO);
if (!available) process.stderr.write(`skipping the reference-render check of requiredObjects: ${REFERENCE_ISTIO} is absent\n`);

(available ? describe : describe.skip)('requiredObjects against the reference renders of the real charts', () => {
  test.each(RENDERS)('every required object is in %s', (file, chart, values) => {
    const objects = parseAllDocuments(fs.readFileSync(path.join(REFERENCE_ISTIO, file), 'utf-8'))
      .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string } } | null)
      .filter((o) => o !== null);
    const required = requiredObjects(chart, values);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required) {
      expect(objects.some((o) => o.kind === r.kind && (r.name === undefined || o.metadata?.name === r.name))).toBe(true);
    }
  });
});
