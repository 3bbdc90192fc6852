import { validateCniValues, validateZtunnelValues } from '../../../src/model/values/validate-ambient';

describe('validateCniValues', () => {
  test('accepts typical values', () => {
    expect(
      validateCniValues({
        profile: 'ambient',
        global: { hub: 'docker.io/istio', tag: '1.30.3', platform: 'k3s', logging: { level: 'debug' } },
        cniBinDir: '/opt/cni/bin',
        excludeNamespaces: ['kube-system'],
        ambient: { enabled: true, dnsCapture: false },
        resources: { requests: { cpu: '100m', memory: '100Mi' } },
        tolerations: [{ operator: 'Exists' }],
        provider: 'multus',
      }),
    ).toEqual([]);
  });

  test('names the path, the value, what is allowed and the fix', () => {
    expect(validateCniValues({ chained: 'yes', provider: 'calico', global: { platform: 'eks' } })).toEqual([
      'values.global.platform is "eks": must be one of gke, k3d, k3s, microk8s, minikube, openshift; leave it unset for a cluster with standard CNI paths (EKS, AKS and most others)',
      'values.chained is "yes": must be true or false; use a boolean',
      'values.provider is "calico": must be default or multus; pick one of them',
    ]);
  });

  test('a second repair mode is an error, since the chart silently uses the first (repairPods is on by default)', () => {
    expect(validateCniValues({ repair: { deletePods: true } })).toEqual([
      'values.repair turns on repairPods and deletePods: only one repair mode works and the chart would use repairPods; set the others to false (repairPods is on unless set to false)',
    ]);
    expect(validateCniValues({ repair: { deletePods: true, repairPods: false } })).toEqual([]);
  });

  test('a line break in a printed value is an error', () => {
    expect(validateCniValues({ cniConfFileName: 'a\nkind: Secret' })[0]).toContain('values.cniConfFileName holds a line feed');
  });
});

describe('validateZtunnelValues', () => {
  test('accepts typical values, including RUST_LOG directives', () => {
    expect(
      validateZtunnelValues({
        profile: 'ambient',
        global: { platform: 'openshift' },
        logLevel: 'info,ztunnel::proxy=debug',
        istioNamespace: 'istio-system',
        resourceName: 'ztunnel',
        env: { FOO: '1' },
      }),
    ).toEqual([]);
  });

  test('rejects wrong types with the fix', () => {
    expect(validateZtunnelValues({ logLevel: 'very loud', istioNamespace: 'Istio_System', profile: 'sidecar' })).toEqual([
      'values.profile is "sidecar": must be one of ambient, demo, preview, remote, stable; pick a profile the charts ship, or leave it unset',
      'values.istioNamespace is "Istio_System": must be a namespace name (lowercase letters, digits, \'-\'); use the namespace istiod runs in',
      "values.logLevel is \"very loud\": must be a level (trace, debug, info, warn, error) or RUST_LOG directives; use e.g. 'info' or 'info,ztunnel::proxy=debug'",
    ]);
  });
});
