/**
 * Which control-plane revision (and Istio version) would inject a workload's pods, read from the objects alone: the
 * injection webhooks of the input (istiod's own and revision tags'), their namespace and object selectors, the
 * namespace labels, and each revision's injector values. A workload's pods get their proxy only when they are
 * created, so a pod-template annotation holding this answer rolls exactly the workloads whose proxy would change
 * (tag move, namespace relabel, in-place version bump) and leaves every other one byte-identical.
 * No library does this: it is Kubernetes' webhook selection (labelSelectorMatches) over Istio's object names.
 */
import { parse } from 'yaml';
import { labelSelectorMatches } from '../../model/label-selector';
import { apiGroup, isRecord, type KubeObject } from '../k8s/object';

/**
 * Pod-template annotation: `revision=<rev> version=<istio version>` of the webhook that injects the pods (the
 * version is left out when the revision's injector is not among the objects, e.g. installed elsewhere).
 */
export const PROXY_REVISION_ANNOTATION = 'mesh.cdk8s-istio.dev/proxy-revision';

/**
 * Kinds whose pods are replaced when the pod template changes. Not ReplicaSet (a template change replaces no pod),
 * Job (its template is immutable: the apply would fail), CronJob (every run makes new pods, injected by the
 * webhook of the day) or Pod (immutable).
 */
export const ROLLED_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

const REVISION_LABEL = 'istio.io/rev';
const NAME_LABEL = 'kubernetes.io/metadata.name';

interface InjectionHook {
  readonly revision: string;
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
}

/**
 * The proxy annotation value for every workload of `objects` that a webhook of `objects` injects and that rolls
 * (ROLLED_KINDS) and does not set the annotation itself (a value of the user's own is kept: the per-workload opt-out).
 */
export function proxyRevisions(objects: readonly KubeObject[]): Map<KubeObject, string> {
  const hooks = objects.flatMap(injectionHooks);
  const out = new Map<KubeObject, string>();
  if (hooks.length === 0) return out;
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.kind === 'Namespace' && apiGroup(o.apiVersion) === '' && o.metadata.name)
      namespaceLabels.set(o.metadata.name, { ...o.metadata.labels });
  }
  const versions = injectorVersions(objects);
  // The namespace selectors once per namespace: workloads outnumber namespaces.
  const hooksByNamespace = new Map<string, InjectionHook[]>();
  for (const object of objects) {
    const template = rolledTemplate(object);
    if (!template || PROXY_REVISION_ANNOTATION in stringMap(template.metadata, 'annotations')) continue;
    const namespace = object.metadata.namespace ?? 'default';
    let candidates = hooksByNamespace.get(namespace);
    if (!candidates) {
      const nsLabels = { ...namespaceLabels.get(namespace), [NAME_LABEL]: namespace };
      hooksByNamespace.set(namespace, (candidates = hooks.filter((h) => labelSelectorMatches(h.namespaceSelector, nsLabels))));
    }
    const podLabels = stringMap(template.metadata, 'labels');
    const revisions = new Set(candidates.filter((h) => labelSelectorMatches(h.objectSelector, podLabels)).map((h) => h.revision));
    // More than one: overlapping webhooks, which the analysis reports (IST0139); the value still names them all.
    if (revisions.size > 0)
      out.set(
        object,
        [...revisions]
          .sort()
          .map((r) => describe(r, versions.get(r)))
          .join(', '),
      );
  }
  return out;
}

/** A copy of `object` whose pod template carries `value` in the proxy annotation. */
export function withProxyRevision(object: KubeObject, value: string): KubeObject {
  const spec = isRecord(object.spec) ? object.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  const annotations = { ...stringMap(template.metadata, 'annotations'), [PROXY_REVISION_ANNOTATION]: value };
  return { ...object, spec: { ...spec, template: { ...template, metadata: { ...metadata, annotations } } } };
}

function describe(revision: string, version: string | undefined): string {
  return version === undefined ? `revision=${revision}` : `revision=${revision} version=${version}`;
}

function rolledTemplate(object: KubeObject): { metadata?: unknown } | undefined {
  if (!ROLLED_KINDS.includes(object.kind) || apiGroup(object.apiVersion) !== 'apps' || !isRecord(object.spec)) return undefined;
  const template = object.spec.template;
  return isRecord(template) ? template : undefined;
}

/** The sidecar-injection webhooks of a MutatingWebhookConfiguration, with the revision its `istio.io/rev` label names. */
function injectionHooks(object: KubeObject): InjectionHook[] {
  if (object.kind !== 'MutatingWebhookConfiguration' || !Array.isArray(object.webhooks)) return [];
  const revision = object.metadata.labels?.[REVISION_LABEL] ?? 'default';
  return object.webhooks
    .filter((w): w is Record<string, unknown> => isRecord(w) && String(w.name ?? '').endsWith('sidecar-injector.istio.io'))
    .map((w) => ({ revision, namespaceSelector: w.namespaceSelector, objectSelector: w.objectSelector }));
}

/** `global.tag` of each revision's injector values (the `values` of ConfigMap `istio-sidecar-injector[-<rev>]`). */
function injectorVersions(objects: readonly KubeObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) {
    const match = o.kind === 'ConfigMap' ? /^istio-sidecar-injector(?:-(.+))?$/.exec(o.metadata.name ?? '') : null;
    const text = match && isRecord(o.data) ? o.data.values : undefined;
    if (!match || typeof text !== 'string') continue;
    const values: unknown = parseOrUndefined(text);
    const global = isRecord(values) ? values.global : undefined;
    const tag = isRecord(global) ? global.tag : undefined;
    if (typeof tag === 'string' || typeof tag === 'number') out.set(match[1] ?? 'default', String(tag));
  }
  return out;
}

/** The chart prints the values as JSON (fast to parse); YAML is the fallback. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parse(text);
    } catch {
      return undefined; // not ours to report: the injector's values are the chart's
    }
  }
}

function stringMap(metadata: unknown, key: 'labels' | 'annotations'): Record<string, string> {
  const map = isRecord(metadata) ? metadata[key] : undefined;
  const out: Record<string, string> = {};
  if (isRecord(map)) for (const [k, v] of Object.entries(map)) if (typeof v === 'string') out[k] = v;
  return out;
}
