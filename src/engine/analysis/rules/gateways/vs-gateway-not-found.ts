import { describeObject, isRecord } from '../../../k8s/object';
import { finding, type Finding, type Rule } from '../../rule';
import { istioGateways } from './istio-gateways';

export const virtualServiceGatewayNotFound: Rule = {
  code: 'IST0101',
  level: 'error',
  title: 'VirtualService bound to a missing Gateway',
  explanation:
    "a VirtualService's gateways names an Istio Gateway that is not in the input although its namespace is, so the route is bound to nothing",
  fix: "name an existing Gateway as '<namespace>/<name>' (a bare name means the VirtualService's namespace), or add the Gateway",
  check(index) {
    const known = index.derived('gateways.istioByName', (idx) => new Set(istioGateways(idx).map((g) => `${g.namespace}/${g.name}`)));
    const out: Finding[] = [];
    for (const entry of index.byKind('VirtualService', 'networking.istio.io')) {
      const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
      const gateways: unknown[] = Array.isArray(spec.gateways) ? spec.gateways : [];
      const namespace = entry.object.metadata.namespace ?? 'default';
      for (const ref of gateways.map(String)) {
        // `mesh` is the sidecars, and `~` marks the internal names Istio gives Gateway API gateways.
        if (ref === 'mesh' || ref.includes('~')) continue;
        const slash = ref.indexOf('/');
        const [ns, name] = slash < 0 ? [namespace, ref] : [ref.slice(0, slash), ref.slice(slash + 1)];
        if (known.has(`${ns}/${name}`) || !index.hasNamespace(ns)) continue;
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
