/**
 * The outbound traffic policy (ALLOW_ANY or REGISTRY_ONLY) that applies to a workload: a Sidecar resource's
 * outboundTrafficPolicy (workload selector, then namespace-wide, then the root namespace's), else the mesh config of
 * its revision, read from the `mesh` key of istiod's ConfigMap (`istio`, or `istio-<revision>`).
 */
import { parse } from 'yaml';
import { isRecord } from '../../../k8s/object';
import { type ObjectIndex, matches, type Workload } from '../../index-objects';
import { membership } from '../../mesh';
import { type SourcedObject } from '../../rule';

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/** The mode for `workload`; Istio's default ALLOW_ANY when nothing in the input sets one. */
export function outboundMode(index: ObjectIndex, workload: Workload): OutboundMode {
  return sidecarMode(index, workload) ?? meshMode(index, membership(index, workload).revision) ?? 'ALLOW_ANY';
}

function sidecarMode(index: ObjectIndex, workload: Workload): OutboundMode | undefined {
  const own = index.inNamespace(workload.namespace, 'Sidecar');
  const root = index.inNamespace(index.rootNamespace, 'Sidecar').filter((s) => workloadSelector(s) === undefined);
  const selecting = own.find((s) => {
    const selector = workloadSelector(s);
    return selector !== undefined && matches(selector, workload.podLabels);
  });
  const chosen = selecting ?? own.find((s) => workloadSelector(s) === undefined) ?? root[0];
  return chosen ? modeOf(specOf(chosen).outboundTrafficPolicy) : undefined;
}

/** A Sidecar's `workloadSelector.labels`, undefined when it has none (namespace-wide). */
function workloadSelector(sidecar: SourcedObject): Record<string, string> | undefined {
  const ws = specOf(sidecar).workloadSelector;
  if (!isRecord(ws) || !isRecord(ws.labels) || Object.keys(ws.labels).length === 0) return undefined;
  return Object.fromEntries(Object.entries(ws.labels).map(([k, v]) => [k, String(v)]));
}

function meshMode(index: ObjectIndex, revision: string): OutboundMode | undefined {
  const configs = index.derived('gateways.meshConfigs', (idx) => {
    const byName = new Map<string, Record<string, unknown>>();
    for (const entry of idx.byKind('ConfigMap', '')) {
      const name = entry.object.metadata.name ?? '';
      const data = entry.object.data;
      if ((name !== 'istio' && !name.startsWith('istio-')) || !isRecord(data) || typeof data.mesh !== 'string') continue;
      const mesh = parseMesh(data.mesh);
      if (mesh) byName.set(name, mesh);
    }
    return byName;
  });
  const own = configs.get(revision === 'default' ? 'istio' : `istio-${revision}`);
  // A revision tag names no ConfigMap; with a single control plane its mesh config is the one that applies.
  const config = own ?? (configs.size === 1 ? [...configs.values()][0] : undefined);
  return config ? modeOf(config.outboundTrafficPolicy) : undefined;
}

function parseMesh(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined; // not ours to report: istiod refuses such a ConfigMap itself
  }
}

function modeOf(policy: unknown): OutboundMode | undefined {
  if (!isRecord(policy)) return undefined;
  return policy.mode === 'REGISTRY_ONLY' || policy.mode === 'ALLOW_ANY' ? policy.mode : undefined;
}

function specOf(entry: SourcedObject): Record<string, unknown> {
  return isRecord(entry.object.spec) ? entry.object.spec : {};
}
