import { isValuesObject } from './common';

/**
 * Values the Istio 1.30.3 gateway chart accepts but renders nothing for (read from its templates), one message each
 * with the fix: synth prints them as warnings, so a setting never disappears silently. `values` are the merged values
 * handed to helm; unset keys take the chart's defaults (autoscaling on, minReplicas 1, replicaCount unset, a
 * LoadBalancer Service).
 */
export function droppedGatewayValues(values: Record<string, unknown>): string[] {
  const out: string[] = [];
  const autoscaling = map(values.autoscaling);
  const autoscaled = autoscaling.enabled !== false;
  const service = map(values.service);
  const serviceType = typeof service.type === 'string' ? service.type : 'LoadBalancer';

  const pdb = map(values.podDisruptionBudget);
  if (Object.keys(pdb).length > 0) {
    // The chart's condition: autoscaling with minReplicas > 1, or no autoscaling and replicaCount > 1.
    const pods = autoscaled ? whole(autoscaling.minReplicas, 1) : whole(values.replicaCount, 0);
    if (pods < 2) {
      const fix = autoscaled
        ? `raise autoscaling.minReplicas to 2 or more (it is ${pods})`
        : `raise replicaCount to 2 or more (it is ${values.replicaCount === undefined || values.replicaCount === null ? 'unset' : pods})`;
      out.push(
        'values.podDisruptionBudget is set, but the gateway chart renders a PodDisruptionBudget only for at least two pods, ' +
          `so none is rendered; ${fix}, or remove podDisruptionBudget`,
      );
    }
  }
  if (autoscaled && values.replicaCount !== undefined && values.replicaCount !== null) {
    out.push(
      'values.replicaCount is ignored while autoscaling is on (the HorizontalPodAutoscaler sets the replicas); ' +
        'set autoscaling.enabled: false to use it, or set autoscaling.minReplicas instead',
    );
  }
  if (values.kind === 'DaemonSet' && autoscaling.enabled === true) {
    out.push(
      'values.autoscaling.enabled is ignored for kind DaemonSet: the chart renders a HorizontalPodAutoscaler only for a ' +
        'Deployment; remove autoscaling.enabled, or use kind Deployment',
    );
  }
  if (typeof values.networkGateway === 'string' && values.networkGateway !== '' && service.ports !== undefined) {
    out.push(
      'values.service.ports is ignored when networkGateway is set: the Service then exposes networkGatewayPorts; ' +
        'set the ports in networkGatewayPorts instead',
    );
  }
  if (serviceType === 'None') {
    const ignored = Object.keys(service).filter((k) => k !== 'type');
    if (ignored.length > 0) {
      out.push(
        `values.service.${ignored.join(', service.')} ${ignored.length > 1 ? 'are' : 'is'} ignored: service.type 'None' renders no Service; ` +
          'remove them, or pick another service type',
      );
    }
  } else if (serviceType !== 'LoadBalancer') {
    for (const key of ['allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
      if (service[key] !== undefined) {
        out.push(
          `values.service.${key} is ignored for service type ${serviceType}: the chart writes it only for a LoadBalancer; ` +
            `remove it, or set service.type 'LoadBalancer'`,
        );
      }
    }
  }
  return out;
}

function map(value: unknown): Record<string, unknown> {
  return isValuesObject(value) ? value : {};
}

/** The number helm's `int` makes of a value: unset counts as `fallback`, a non-number as 0. */
function whole(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? Math.trunc(value) : 0;
}
