import { isRecord } from '../../../k8s/object';
import { type ObjectIndex } from '../../index-objects';
import { labelSelectorMatches } from '../../../../model/label-selector';
import { REVISION_LABEL } from '../../mesh';
import { finding, type Rule, type SourcedObject } from '../../rule';

interface Hook {
  readonly config: SourcedObject;
  readonly name: string;
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
}

export const overlappingWebhooks: Rule = {
  code: 'IST0139',
  level: 'error',
  title: 'injection webhooks overlap',
  explanation:
    'sidecar injection webhooks of more than one configuration (e.g. two revisions) select the same pods of a namespace, so they would be injected twice',
  fix: 'make the namespace and object selectors exclusive (one revision per namespace label; remove the stale webhook or revision tag)',
  check(index) {
    const hooks = injectionHooks(index);
    if (hooks.length < 2) return [];
    // One finding per set of overlapping webhooks, listing the namespaces where they overlap.
    const overlaps = new Map<string, { hooks: Hook[]; namespaces: string[]; first?: SourcedObject }>();
    for (const ns of index.namespaceNames()) {
      const nsLabels = index.namespaceLabels(ns);
      const candidates = hooks.filter((h) => labelSelectorMatches(h.namespaceSelector, nsLabels));
      if (new Set(candidates.map((h) => h.config)).size < 2) continue;
      for (const pod of podLabelSets(index, ns)) {
        const hit = candidates.filter((h) => labelSelectorMatches(h.objectSelector, pod));
        if (new Set(hit.map((h) => h.config)).size < 2) continue;
        const key = hit.map(hookName).join('\u0000');
        const overlap = overlaps.get(key) ?? { hooks: hit, namespaces: [] as string[], first: index.namespace(ns) };
        if (!overlap.namespaces.includes(ns)) overlap.namespaces.push(ns);
        overlaps.set(key, overlap);
      }
    }
    return [...overlaps.values()].map((o) => {
      const configs = [...new Set(o.hooks.map((h) => h.config))];
      return finding(
        this,
        `injection webhooks ${o.hooks.map(hookName).join(', ')} all select pods in namespace(s) ` +
          `${o.namespaces.join(', ')}, so those pods would be injected more than once; make their selectors exclusive ` +
          `(one ${REVISION_LABEL} or istio-injection label per namespace) or remove the stale webhook`,
        ...configs,
        ...(o.first ? [o.first] : []),
      );
    });
  },
};

/** Webhooks of Istio's injector: configurations with a revision label, or webhooks named *.istio.io. */
function injectionHooks(index: ObjectIndex): Hook[] {
  return index.byKind('MutatingWebhookConfiguration').flatMap((config) => {
    const webhooks = Array.isArray(config.object.webhooks) ? config.object.webhooks.filter(isRecord) : [];
    const istio =
      REVISION_LABEL in (config.object.metadata.labels ?? {}) || webhooks.some((w) => String(w.name ?? '').endsWith('istio.io'));
    if (!istio) return [];
    return webhooks.map((w) => ({
      config,
      name: String(w.name ?? ''),
      namespaceSelector: w.namespaceSelector,
      objectSelector: w.objectSelector,
    }));
  });
}

/** Distinct pod label sets of the namespace's workloads; a bare pod when it has none. */
function podLabelSets(index: ObjectIndex, namespace: string): Readonly<Record<string, string>>[] {
  const seen = new Map<string, Readonly<Record<string, string>>>();
  for (const w of index.workloadsIn(namespace)) seen.set(JSON.stringify(Object.entries(w.podLabels).sort()), w.podLabels);
  return seen.size > 0 ? [...seen.values()] : [{}];
}

function hookName(h: Hook): string {
  return `${h.config.object.metadata.name ?? '<unnamed>'}/${h.name}`;
}
