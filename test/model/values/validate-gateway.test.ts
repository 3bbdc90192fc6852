import { validateGatewayValues } from '../../../src/model/values/validate-gateway';

describe('validateGatewayValues', () => {
  test('accepts the values people usually set', () => {
    expect(
      validateGatewayValues({
        name: 'public-gw',
        revision: 'canary',
        kind: 'Deployment',
        service: {
          type: 'LoadBalancer',
          ports: [{ name: 'http2', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }],
          annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
          loadBalancerSourceRanges: ['203.0.113.0/24'],
          externalTrafficPolicy: 'Local',
          ipFamilies: ['IPv4'],
        },
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 60 },
        podDisruptionBudget: { minAvailable: '50%' },
        resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: null },
        labels: { team: 'edge' },
        podAnnotations: { 'proxy.istio.io/config': '{}' },
        tolerations: [{ key: 'edge', operator: 'Exists' }],
        imagePullSecrets: [{ name: 'regcred' }],
        env: { ISTIO_META_X: 'true' },
        global: { networkPolicy: { enabled: true } },
      }),
    ).toEqual([]);
  });

  // Found by comparing with helm template of the real chart: each of these renders there, from its values.schema.json.
  test('accepts what the chart accepts: nulls where its schema allows them, 0 as no metric, quoted scalars', () => {
    expect(
      validateGatewayValues({
        replicaCount: null,
        securityContext: null,
        containerSecurityContext: null,
        minReadySeconds: null,
        readinessProbe: null,
        resources: { limits: { cpu: null }, requests: { memory: null } },
        autoscaling: { targetCPUUtilizationPercentage: 0, targetMemoryUtilizationPercentage: 0 },
        env: { PORT: 8080, DEBUG: true },
        labels: { version: 2 },
      }),
    ).toEqual([]);
    expect(validateGatewayValues({ env: { A: { b: 1 } } })).toEqual([
      expect.stringContaining('values.env is {"A":{"b":1}}: must be a map of strings, numbers or booleans'),
    ]);
  });

  test('names the value, what is allowed and the fix', () => {
    expect(validateGatewayValues({ service: { ports: [{ port: 70000 }] } })).toEqual([
      expect.stringMatching(/^values\.service\.ports is \[\{"port":70000\}\]: must be a list of .* ports 1-65535.*; write e\.g\./),
    ]);
    expect(validateGatewayValues({ resources: { requests: { cpu: 1 } } })).toEqual([
      expect.stringContaining(
        'values.resources is {"requests":{"cpu":1}}: must be { requests?, limits? } of quantities written as strings; quote',
      ),
    ]);
    expect(validateGatewayValues({ service: { loadBalancerSourceRanges: ['10.0.0.0'] } })).toEqual([
      expect.stringContaining('values.service.loadBalancerSourceRanges is ["10.0.0.0"]: must be a list of CIDRs'),
    ]);
    expect(validateGatewayValues({ kind: 'StatefulSet' })).toEqual([expect.stringContaining('must be one of Deployment, DaemonSet')]);
    expect(validateGatewayValues({ podDisruptionBudget: { minAvailable: 'half' } })).toEqual([
      expect.stringContaining('values.podDisruptionBudget.minAvailable is "half": must be an integer >= 0 or a percentage such as \'50%\''),
    ]);
  });

  test('contradictions: min above max, no ports, both PDB bounds, replicas on a DaemonSet', () => {
    expect(validateGatewayValues({ autoscaling: { minReplicas: 5, maxReplicas: 2 } })).toEqual([
      expect.stringContaining('values.autoscaling.minReplicas (5) is greater than values.autoscaling.maxReplicas (2)'),
    ]);
    expect(validateGatewayValues({ service: { ports: [] } })).toEqual([expect.stringContaining('values.service.ports is empty')]);
    expect(validateGatewayValues({ service: { ports: [] }, networkGateway: 'net1' })).toEqual([]);
    expect(validateGatewayValues({ podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } })).toEqual([
      expect.stringContaining('sets both minAvailable and maxUnavailable'),
    ]);
    expect(validateGatewayValues({ kind: 'DaemonSet', autoscaling: { enabled: false }, replicaCount: 2 })).toEqual([
      expect.stringContaining('values.replicaCount is set for kind DaemonSet'),
    ]);
  });

  test('a line break in a value is refused (the chart prints values as they are)', () => {
    expect(validateGatewayValues({ labels: { team: 'a\n---\nkind: Secret' } })).toEqual([
      expect.stringContaining('values.labels.team holds a line feed'),
    ]);
  });
});
