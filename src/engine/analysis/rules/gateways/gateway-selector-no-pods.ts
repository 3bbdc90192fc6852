import { describeObject } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';
import { gatewayPods, inputHasGatewayPods, istioGateways, scopedToNamespace, selectorText } from './istio-gateways';

export const gatewaySelectorNoPods: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'Gateway selects no gateway pods',
  explanation:
    "an Istio Gateway's selector matches no pods of the input (of its own namespace under PILOT_SCOPE_GATEWAY_TO_NAMESPACE), although the input deploys gateway pods, so no proxy serves its servers",
  fix: "copy the gateway pods' labels into spec.selector (e.g. istio: ingressgateway), or deploy the gateway",
  check(index) {
    // Without any gateway pods in the input the gateways are deployed elsewhere: nothing to judge.
    if (!inputHasGatewayPods(index)) return [];
    const where = scopedToNamespace(index) ? 'in its namespace (PILOT_SCOPE_GATEWAY_TO_NAMESPACE is on)' : 'in any namespace';
    return istioGateways(index)
      .filter((gw) => Object.keys(gw.selector).length > 0 && gatewayPods(index, gw).length === 0)
      .map((gw) =>
        finding(
          this,
          `${describeObject(gw.entry.object)} selects pods labeled ${selectorText(gw.selector)}, but no workload ${where} has those pod labels; ` +
            "use the gateway pods' labels in spec.selector or deploy the gateway",
          gw.entry,
        ),
      );
  },
};
