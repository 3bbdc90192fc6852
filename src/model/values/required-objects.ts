import { isValuesObject } from './common';
import { platformOf, profileOf } from './platform';

/** An object a chart renders whenever its values allow it; `name` undefined: any object of the kind. */
export interface RequiredObject {
  readonly kind: string;
  readonly name?: string;
}

/**
 * The objects the base, istiod, gateway, cni or ztunnel chart of Istio 1.30.3 always renders for these values (helm values after our
 * merge; the chart's own defaults fill the rest). A render without them did not come from a working chart and
 * helm (e.g. a helm that prints nothing), so it must not be used or cached. Each entry can be turned off only
 * by the values read here (resource scope, remote profile, reader RBAC, default revision, CRD switches), taken
 * from the charts' templates and checked against reference renders. The gateway chart: its workload and, unless
 * `service.type` is 'None', its Service, whatever the resource scope (the chart does not read it). The cni and
 * ztunnel charts: their namespaced objects unless the scope is 'cluster', their cluster roles unless it is
 * 'namespace' (ztunnel has those only on OpenShift). Other charts: none. The list is empty only for values with
 * which the chart renders nothing (ztunnel with only cluster-scoped objects, off OpenShift): then an empty render
 * is the right one.
 */
export function requiredObjects(chart: string, values: Record<string, unknown>): RequiredObject[] {
  const scope = text(values, 'global', 'resourceScope') ?? 'all';
  const namespaced = scope === 'all' || scope === 'namespace';
  const clusterScoped = scope === 'all' || scope === 'cluster';
  const out: RequiredObject[] = [];
  if (chart === 'istiod') {
    const remote = flag(values, 'istiodRemote', 'enabled') ?? profileOf(values) === 'remote';
    const localInjector = flag(values, 'istiodRemote', 'enabledLocalInjectorIstiod') ?? false;
    const revision = text(values, 'revision') ?? '';
    if (namespaced && (!remote || localInjector)) out.push({ kind: 'Deployment', name: revision ? `istiod-${revision}` : 'istiod' });
    // Named after the release namespace, which this function does not see: any object of the kind.
    if (clusterScoped && flag(values, 'global', 'operatorManageWebhooks') !== true) out.push({ kind: 'MutatingWebhookConfiguration' });
  } else if (chart === 'base') {
    if (namespaced && flag(values, 'global', 'enableReaderRBAC') !== false) {
      out.push({ kind: 'ServiceAccount', name: 'istio-reader-service-account' });
    }
    if (clusterScoped && (text(values, 'defaultRevision') ?? 'default') !== '') {
      out.push({ kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator' });
    }
    const excluded = at(values, 'base', 'excludedCRDs');
    const crds = flag(values, 'base', 'enableCRDTemplates') !== false && flag(values, 'base', 'enableIstioConfigCRDs') !== false;
    if (clusterScoped && crds && !(Array.isArray(excluded) && excluded.length > 0)) out.push({ kind: 'CustomResourceDefinition' });
  } else if (chart === 'gateway') {
    // Named after `name` or the release, which this function does not see: any object of the kind.
    out.push({ kind: text(values, 'kind') ?? 'Deployment' });
    if (text(values, 'service', 'type') !== 'None') out.push({ kind: 'Service' });
  } else if (chart === 'cni') {
    // The chart reads only the global scope (no top-level or `cni.` resourceScope).
    if (namespaced) {
      out.push({ kind: 'DaemonSet', name: 'istio-cni-node' }, { kind: 'ConfigMap', name: 'istio-cni-config' });
      out.push({ kind: 'ServiceAccount', name: 'istio-cni' });
    }
    if (clusterScoped) out.push({ kind: 'ClusterRole', name: 'istio-cni' }, { kind: 'ClusterRoleBinding', name: 'istio-cni' });
  } else if (chart === 'ztunnel') {
    // The chart copies `global` to the top level, where a top-level key wins.
    const own = text(values, 'resourceScope') ?? scope;
    const name = text(values, 'resourceName') || 'ztunnel';
    if (own === 'all' || own === 'namespace') out.push({ kind: 'DaemonSet', name }, { kind: 'ServiceAccount', name });
    if ((own === 'all' || own === 'cluster') && platformOf(values) === 'openshift') {
      out.push({ kind: 'ClusterRole', name }, { kind: 'ClusterRoleBinding', name });
    }
  }
  return out;
}

function at(values: Record<string, unknown>, ...keys: string[]): unknown {
  let current: unknown = values;
  for (const key of keys) current = isValuesObject(current) ? current[key] : undefined;
  return current;
}

function text(values: Record<string, unknown>, ...keys: string[]): string | undefined {
  const value = at(values, ...keys);
  return typeof value === 'string' ? value : undefined;
}

function flag(values: Record<string, unknown>, ...keys: string[]): boolean | undefined {
  const value = at(values, ...keys);
  return typeof value === 'boolean' ? value : undefined;
}
