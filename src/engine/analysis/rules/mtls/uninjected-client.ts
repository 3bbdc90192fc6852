import { describeObject } from '../../../k8s/object';
import { isControlPlane, isSystemNamespace, membership } from '../../mesh';
import { modesOf, type PeerAuthn } from '../../mtls';
import { finding, type Rule } from '../../rule';

const MAX_POLICIES_NAMED = 3;

export const uninjectedClient: Rule = {
  code: 'CDK8SI011',
  level: 'error',
  title: 'workload without sidecar next to STRICT servers',
  explanation:
    'the input has workloads that require STRICT mTLS and a workload without sidecar, whose plain-text requests to them would be refused',
  fix: 'enable injection for the client, or relax the servers to PERMISSIVE (for the ports the client calls)',
  check(index) {
    // Calls are invisible in YAML: every workload outside the mesh is a potential client of every STRICT server.
    const strictPolicies = new Set<PeerAuthn>();
    for (const w of index.workloads) {
      if (!membership(index, w).inMesh) continue;
      for (const m of modesOf(index, w)) if (m.mode === 'STRICT' && m.policy) strictPolicies.add(m.policy);
    }
    if (strictPolicies.size === 0) return [];
    // Name a few policies (oldest first), not all: one finding per client must not grow with the mesh.
    const policies = [...strictPolicies].slice(0, MAX_POLICIES_NAMED);
    const more = strictPolicies.size - policies.length;
    const names = policies.map((p) => describeObject(p.entry.object)).join(', ') + (more > 0 ? ` and ${more} more` : '');
    return index.workloads
      .filter((w) => !isControlPlane(w) && !isSystemNamespace(w.namespace) && !membership(index, w).inMesh)
      .map((w) =>
        finding(
          this,
          `${describeObject(w.object)} runs without a sidecar, so its requests are plain text, but ` +
            `${names} require${strictPolicies.size === 1 ? 's' : ''} STRICT mTLS for workloads in the mesh, which refuse plain text; ` +
            'enable injection for the client, or set PERMISSIVE on the servers it calls',
          w,
          ...policies.map((p) => p.entry),
        ),
      );
  },
};
