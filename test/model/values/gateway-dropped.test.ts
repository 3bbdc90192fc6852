import { droppedGatewayValues } from '../../../src/model/values/gateway-dropped';

describe('droppedGatewayValues', () => {
  test('nothing for the defaults and for a PodDisruptionBudget the chart renders', () => {
    expect(droppedGatewayValues({})).toEqual([]);
    expect(droppedGatewayValues({ autoscaling: { minReplicas: 2 }, podDisruptionBudget: { minAvailable: 1 } })).toEqual([]);
    expect(droppedGatewayValues({ autoscaling: { enabled: false }, replicaCount: 3, podDisruptionBudget: { maxUnavailable: 1 } })).toEqual(
      [],
    );
  });

  test('a PodDisruptionBudget with autoscaling from one pod: raise minReplicas', () => {
    const [warning] = droppedGatewayValues({ podDisruptionBudget: { minAvailable: 1 } });
    expect(warning).toMatch(
      /^values\.podDisruptionBudget is set, but .* none is rendered; raise autoscaling\.minReplicas to 2 or more \(it is 1\)/,
    );
  });

  test('a PodDisruptionBudget without autoscaling and replicaCount unset or 1: raise replicaCount', () => {
    expect(droppedGatewayValues({ autoscaling: { enabled: false }, podDisruptionBudget: { minAvailable: 1 } })[0]).toContain(
      'raise replicaCount to 2 or more (it is unset)',
    );
    expect(
      droppedGatewayValues({ autoscaling: { enabled: false }, replicaCount: 1, podDisruptionBudget: { minAvailable: 1 } })[0],
    ).toContain('raise replicaCount to 2 or more (it is 1)');
  });

  test('an empty podDisruptionBudget asks for none, so nothing is dropped', () => {
    expect(droppedGatewayValues({ podDisruptionBudget: {} })).toEqual([]);
  });

  test('replicaCount while autoscaling is on', () => {
    expect(droppedGatewayValues({ replicaCount: 3 })).toEqual([
      expect.stringContaining('values.replicaCount is ignored while autoscaling is on'),
    ]);
  });

  test('autoscaling asked for on a DaemonSet', () => {
    expect(droppedGatewayValues({ kind: 'DaemonSet', autoscaling: { enabled: true } })).toEqual([
      expect.stringContaining('values.autoscaling.enabled is ignored for kind DaemonSet'),
    ]);
    expect(droppedGatewayValues({ kind: 'DaemonSet' })).toEqual([]);
  });

  test('service.ports of a network gateway', () => {
    expect(droppedGatewayValues({ networkGateway: 'net1', service: { ports: [{ port: 80 }] } })).toEqual([
      expect.stringContaining('set the ports in networkGatewayPorts instead'),
    ]);
  });

  test('service settings without a Service, and LoadBalancer-only fields on another type', () => {
    expect(droppedGatewayValues({ service: { type: 'None', annotations: { a: 'b' }, ports: [] } })).toEqual([
      "values.service.annotations, service.ports are ignored: service.type 'None' renders no Service; remove them, or pick another service type",
    ]);
    expect(droppedGatewayValues({ service: { type: 'ClusterIP', loadBalancerClass: 'x', allocateLoadBalancerNodePorts: false } })).toEqual([
      expect.stringContaining('values.service.allocateLoadBalancerNodePorts is ignored for service type ClusterIP'),
      expect.stringContaining('values.service.loadBalancerClass is ignored for service type ClusterIP'),
    ]);
    expect(droppedGatewayValues({ service: { loadBalancerClass: 'x' } })).toEqual([]);
  });
});
