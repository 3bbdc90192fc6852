import { type App } from 'cdk8s';
import { findInApp } from '../core/app-index';
import { type IMeshChart, isMeshChart } from '../core/mesh-profile';
import { apiGroup, isRecord, type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';
import { isValuesObject } from '../model/values/common';
import { platformOf, profileOf } from '../model/values/platform';
import { DEFAULT_NAMESPACE } from '../model/values/version';
import { type SynthObject } from './collect';

const DATAPLANE_MODE = 'istio.io/dataplane-mode';

/**
 * The parts of an ambient mesh must fit together, and nothing in Kubernetes says so when they do not (pods simply
 * get no mesh, or ztunnel gets no certificates). Fails synth, naming each problem and its fix, when:
 * the app's Istio charts apply different profiles or platforms; a ztunnel is not trusted by the istiod it connects to,
 * or connects to a namespace without one; the app has a control plane and ambient namespaces (or an ambient istiod)
 * but no ztunnel, no istio-cni, or an istio-cni without ambient redirection. An app without a control plane is left alone.
 */
export function checkAmbient(app: App, objects: readonly SynthObject[]): void {
  const charts = findInApp(app, isMeshChart);
  const problems = [...agreementProblems(charts), ...trustProblems(charts, objects), ...presenceProblems(charts, objects)];
  if (problems.length > 0) throw new UserError(`synth failed: ${problems.join('; ')}`);
}

function agreementProblems(charts: readonly IMeshChart[]): string[] {
  const problems: string[] = [];
  for (const [what, read] of [
    ['profile', profileOf],
    ['platform', platformOf],
  ] as const) {
    const seen = new Map<string, string[]>();
    for (const c of charts) {
      const value = read(c.values) ?? '(none)';
      seen.set(value, [...(seen.get(value) ?? []), c.node.path]);
    }
    if (seen.size < 2) continue;
    const list = [...seen].map(([value, paths]) => `${value} at ${paths.join(', ')}`).join('; ');
    problems.push(
      `the app's Istio charts apply different ${what}s (${list}): set ${what} once on the MeshApp (every chart applies it) ` +
        `and remove ${what === 'profile' ? 'values.profile' : 'values.global.platform'} from the charts`,
    );
  }
  return problems;
}

function trustProblems(charts: readonly IMeshChart[], objects: readonly SynthObject[]): string[] {
  const istiods = charts.filter((c) => c.chartName === 'istiod');
  const problems: string[] = [];
  for (const zt of charts.filter((c) => c.chartName === 'ztunnel')) {
    const v = zt.values;
    if (istiods.length === 0 || text(v.caAddress) || text(v.xdsAddress)) continue;
    const istioNamespace = text(v.istioNamespace) ?? text(globalOf(v).istioNamespace) ?? DEFAULT_NAMESPACE;
    const inNamespace = istiods.filter((i) => i.namespace === istioNamespace);
    if (inNamespace.length === 0) {
      const namespaces = [...new Set(istiods.map((i) => i.namespace))].join(', ');
      problems.push(
        `ztunnel at ${zt.node.path} connects to istiod in namespace '${istioNamespace}', but the app's istiod runs in ${namespaces}: ` +
          `set values: { istioNamespace: '${istiods[0].namespace}' } on the Ztunnel at ${zt.node.path}`,
      );
      continue;
    }
    const revision = text(v.revision) ?? '';
    const serving = inNamespace.filter((i) => servesRevision(i, revision));
    const account = `${zt.namespace}/${text(v.resourceName) ?? 'ztunnel'}`;
    for (const istiod of serving.length > 0 ? serving : inNamespace) {
      const trusted = trustedAccounts(istiod, objects);
      if (trusted === undefined || trusted.includes(account)) continue;
      problems.push(
        `ztunnel at ${zt.node.path} runs as ${account}, but istiod at ${istiod.node.path} trusts only ${trusted.join(', ') || 'no ztunnel'} ` +
          `(CA_TRUSTED_NODE_ACCOUNTS), so ztunnel gets no certificates: ${trustFix(istiod, account)}`,
      );
    }
  }
  return problems;
}

function trustFix(istiod: IMeshChart, account: string): string {
  const [namespace, name] = account.split('/');
  const env = isValuesObject(istiod.values.env) ? istiod.values.env : {};
  if (typeof env.CA_TRUSTED_NODE_ACCOUNTS === 'string') {
    return `add '${account}' to values.env.CA_TRUSTED_NODE_ACCOUNTS on the Istiod at ${istiod.node.path}`;
  }
  const keys = [`trustedZtunnelNamespace: '${namespace}'`, ...(name !== 'ztunnel' ? [`trustedZtunnelName: '${name}'`] : [])];
  return `set values: { ${keys.join(', ')} } on the Istiod at ${istiod.node.path}`;
}

/** Whether `istiod` serves ztunnels of `revision` (its revision or one of its tags; '' is the default revision). */
function servesRevision(istiod: IMeshChart, revision: string): boolean {
  const own = text(istiod.values.revision) ?? '';
  const tags = Array.isArray(istiod.values.revisionTags) ? istiod.values.revisionTags : [];
  return own === revision || tags.includes(revision);
}

/** The node accounts the rendered istiod Deployment trusts; undefined when the app has no such Deployment (remote). */
function trustedAccounts(istiod: IMeshChart, objects: readonly SynthObject[]): string[] | undefined {
  for (const o of objectsOf(istiod, objects).filter((x) => x.kind === 'Deployment' && apiGroup(x.apiVersion) === 'apps')) {
    const value = containerEnv(o).find((e) => e.name === 'CA_TRUSTED_NODE_ACCOUNTS')?.value;
    if (value !== undefined) {
      return value
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
    }
  }
  return undefined;
}

function presenceProblems(charts: readonly IMeshChart[], objects: readonly SynthObject[]): string[] {
  const has = (name: string) => charts.some((c) => c.chartName === name);
  if (!has('istiod') && !has('base')) return [];
  const ambientNamespaces = objects
    .map((o) => o.object)
    .filter((o) => o.kind === 'Namespace' && apiGroup(o.apiVersion) === '' && o.metadata.labels?.[DATAPLANE_MODE] === 'ambient')
    .map((o) => `namespace '${o.metadata.name}' (label ${DATAPLANE_MODE}=ambient)`);
  const ambientIstiods = charts
    .filter((c) => c.chartName === 'istiod' && profileOf(c.values) === 'ambient')
    .map((c) => `the istiod at ${c.node.path} (profile ambient)`);
  const needers = [...ambientNamespaces, ...ambientIstiods];
  if (needers.length === 0) return [];
  const missing = [...(has('ztunnel') ? [] : ['Ztunnel']), ...(has('cni') ? [] : ['IstioCni'])];
  const who = needers.join(', ');
  if (missing.length > 0) {
    return [
      `${who} need${needers.length === 1 ? 's' : ''} ambient mode, but the app has no ${missing.join(' and no ')}: add ` +
        `${missing.join(' and ')} with profile 'ambient' (set profile: 'ambient' on the MeshApp), or remove the ambient label`,
    ];
  }
  return charts
    .filter((c) => c.chartName === 'cni' && ambientEnabled(c, objects) === false)
    .map(
      (c) =>
        `${who} need${needers.length === 1 ? 's' : ''} ambient redirection, but the istio-cni at ${c.node.path} renders it off ` +
        `(AMBIENT_ENABLED "false"): set profile: 'ambient' on the MeshApp (or values.ambient.enabled: true on the IstioCni)`,
    );
}

/** AMBIENT_ENABLED of the rendered istio-cni ConfigMap; undefined without one (cluster-scoped render). */
function ambientEnabled(cni: IMeshChart, objects: readonly SynthObject[]): boolean | undefined {
  const map = objectsOf(cni, objects).find((o) => o.kind === 'ConfigMap' && isRecord(o.data) && 'AMBIENT_ENABLED' in o.data);
  return map && isRecord(map.data) ? map.data.AMBIENT_ENABLED === 'true' : undefined;
}

function objectsOf(chart: IMeshChart, objects: readonly SynthObject[]): KubeObject[] {
  return objects.filter((o) => o.apiObject.node.scopes.includes(chart)).map((o) => o.object);
}

function containerEnv(o: KubeObject): Array<{ name?: unknown; value?: string }> {
  const spec = isRecord(o.spec) && isRecord(o.spec.template) && isRecord(o.spec.template.spec) ? o.spec.template.spec : {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return containers.flatMap((c: unknown) =>
    isRecord(c) && Array.isArray(c.env)
      ? c.env.filter(isRecord).map((e) => ({ name: e.name, value: typeof e.value === 'string' ? e.value : undefined }))
      : [],
  );
}

function globalOf(values: Record<string, unknown>): Record<string, unknown> {
  return isValuesObject(values.global) ? values.global : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
