import { isRecord } from '../k8s/object';
import { type ObjectIndex, selectorOf, type Selector, type Workload } from './index-objects';
import { type SourcedObject } from './rule';

/** PeerAuthentication mTLS modes; UNSET inherits from the enclosing scope. */
export type MtlsMode = 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT';

/** A PeerAuthentication, parsed. */
export interface PeerAuthn {
  readonly entry: SourcedObject;
  readonly namespace: string;
  readonly scope: 'mesh' | 'namespace' | 'workload';
  readonly selector?: Selector;
  readonly mode: MtlsMode;
  /** Port-level modes, by container (target) port. */
  readonly portLevel: ReadonlyMap<number, MtlsMode>;
}

/** The mode that applies to a workload (or one of its ports) and the policy that decided it. */
export interface ResolvedMode {
  readonly mode: Exclude<MtlsMode, 'UNSET'>;
  readonly policy?: PeerAuthn;
}

interface Resolution {
  readonly all: readonly PeerAuthn[];
  /** The namespace-wide (or, in the root namespace, mesh-wide) policy Istio uses: the oldest. */
  readonly scoped: ReadonlyMap<string, PeerAuthn>;
  /** Every namespace- or mesh-wide policy, oldest first, by namespace. */
  readonly scopedAll: ReadonlyMap<string, readonly PeerAuthn[]>;
  /** The workload-level policy Istio uses for each selected workload: the oldest matching one. */
  readonly byWorkload: ReadonlyMap<Workload, PeerAuthn>;
}

/** All PeerAuthentications, oldest first (creationTimestamp, then namespace and name), as Istio orders them. */
export function peerAuthentications(index: ObjectIndex): readonly PeerAuthn[] {
  return resolution(index).all;
}

/** Every namespace- or mesh-wide PeerAuthentication of `namespace`, oldest (the one Istio uses) first. */
export function scopedPolicies(index: ObjectIndex, namespace: string): readonly PeerAuthn[] {
  return resolution(index).scopedAll.get(namespace) ?? [];
}

/** The effective mode of a workload on `port` (a container port), or its workload-wide mode without a port. */
export function effectiveMode(index: ObjectIndex, workload: Workload, port?: number): ResolvedMode {
  const r = resolution(index);
  const chain = [r.byWorkload.get(workload), r.scoped.get(workload.namespace), r.scoped.get(index.rootNamespace)];
  const own = chain[0];
  if (port !== undefined && own) {
    const portMode = own.portLevel.get(port);
    if (portMode && portMode !== 'UNSET') return { mode: portMode, policy: own };
  }
  for (const policy of chain) if (policy && policy.mode !== 'UNSET') return { mode: policy.mode, policy };
  return { mode: 'PERMISSIVE' };
}

/** Modes a workload requires: its workload-wide mode and each port-level override, with their policies. */
export function modesOf(index: ObjectIndex, workload: Workload): ResolvedMode[] {
  const own = resolution(index).byWorkload.get(workload);
  const out = [effectiveMode(index, workload)];
  for (const port of own?.portLevel.keys() ?? []) out.push(effectiveMode(index, workload, port));
  return out;
}

function resolution(index: ObjectIndex): Resolution {
  return index.derived('mtls.resolution', build);
}

function build(index: ObjectIndex): Resolution {
  const all = index
    .byKind('PeerAuthentication', 'security.istio.io')
    .map((entry) => parse(entry, index.rootNamespace))
    .sort(byAge);
  const scoped = new Map<string, PeerAuthn>();
  const scopedAll = new Map<string, PeerAuthn[]>();
  const byWorkload = new Map<Workload, PeerAuthn>();
  for (const pa of all) {
    if (pa.scope !== 'workload') {
      if (!scoped.has(pa.namespace)) scoped.set(pa.namespace, pa);
      scopedAll.set(pa.namespace, [...(scopedAll.get(pa.namespace) ?? []), pa]);
      continue;
    }
    // Istio ignores workload-level policies in the root namespace.
    if (pa.namespace === index.rootNamespace) continue;
    for (const w of index.workloadsMatching(pa.namespace, pa.selector)) if (!byWorkload.has(w)) byWorkload.set(w, pa);
  }
  return { all, scoped, scopedAll, byWorkload };
}

function parse(entry: SourcedObject, rootNamespace: string): PeerAuthn {
  const spec = isRecord(entry.object.spec) ? entry.object.spec : {};
  const namespace = entry.object.metadata.namespace ?? 'default';
  const selector = selectorOf(spec.selector);
  const hasSelector = selector !== undefined && Object.keys(selector).length > 0;
  const portLevel = new Map<number, MtlsMode>();
  if (isRecord(spec.portLevelMtls)) {
    for (const [port, value] of Object.entries(spec.portLevelMtls)) {
      if (/^\d+$/.test(port)) portLevel.set(Number(port), modeOf(value));
    }
  }
  return {
    entry,
    namespace,
    scope: hasSelector ? 'workload' : namespace === rootNamespace ? 'mesh' : 'namespace',
    ...(hasSelector ? { selector } : {}),
    mode: modeOf(spec.mtls),
    portLevel,
  };
}

function modeOf(value: unknown): MtlsMode {
  const mode = isRecord(value) ? value.mode : undefined;
  return mode === 'DISABLE' || mode === 'PERMISSIVE' || mode === 'STRICT' ? mode : 'UNSET';
}

function byAge(a: PeerAuthn, b: PeerAuthn): number {
  const ta = String(a.entry.object.metadata.creationTimestamp ?? '');
  const tb = String(b.entry.object.metadata.creationTimestamp ?? '');
  const ka = `${ta}\u0000${a.namespace}\u0000${a.entry.object.metadata.name ?? ''}`;
  const kb = `${tb}\u0000${b.namespace}\u0000${b.entry.object.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
