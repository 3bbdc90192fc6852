import { describeObject } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { gatewayReferences, istioGateway } from './istio-gateways';

export const virtualServiceGatewayNotFound: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'VirtualService bound to a missing Gateway',
  explanation:
    "a VirtualService's gateways names an Istio Gateway that is not in the input although its namespace is, so the route is bound to nothing",
  fix: "name an existing Gateway as '<namespace>/<name>' (a bare name means the VirtualService's namespace), or add the Gateway",
  check(index) {
    const out: Finding[] = [];
    for (const entry of index.byKind('VirtualService', 'networking.istio.io')) {
      for (const { ref, namespace: ns, name } of gatewayReferences(entry)) {
        if (istioGateway(index, ns, name) || !index.hasNamespace(ns)) continue;
        out.push(
          finding(
            this,
            `${describeObject(entry.object)} is bound to gateway '${ref}', but no Gateway ${ns}/${name} is in the input; ` +
              `name an existing Gateway as '<namespace>/<name>' or add the Gateway`,
            entry,
          ),
        );
      }
    }
    return out;
  },
};
