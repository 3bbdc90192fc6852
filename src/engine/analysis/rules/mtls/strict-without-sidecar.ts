import { describeObject } from '../../../k8s/object';
import { isControlPlane, isSystemNamespace, membership } from '../../mesh';
import { modesOf } from '../../mtls';
import { type Finding, finding, type Rule } from '../../rule';

export const strictWithoutSidecar: Rule = {
  code: 'CDK8SI010',
  level: 'error',
  title: 'STRICT mTLS on a workload without sidecar',
  explanation:
    'a PeerAuthentication requires STRICT mTLS for a workload that runs without a sidecar (nor ambient), so nothing enforces it and it accepts plain text',
  fix: 'enable injection for the workload, or give it a workload-level PeerAuthentication that states PERMISSIVE on purpose',
  check(index) {
    const out: Finding[] = [];
    for (const w of index.workloads) {
      if (isControlPlane(w) || isSystemNamespace(w.namespace) || membership(index, w).inMesh) continue;
      const strict = modesOf(index, w).find((m) => m.mode === 'STRICT' && m.policy);
      if (!strict?.policy) continue;
      out.push(
        finding(
          this,
          `${describeObject(strict.policy.entry.object)} requires STRICT mTLS for ${describeObject(w.object)}, ` +
            'but that workload has no sidecar (not injected, not ambient), so nothing enforces it and it accepts plain text; ' +
            'enable injection for it (namespace label istio-injection=enabled or pod label sidecar.istio.io/inject=true)',
          w,
          strict.policy.entry,
        ),
      );
    }
    return out;
  },
};
