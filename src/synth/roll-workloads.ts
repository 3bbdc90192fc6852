import { proxyRevisions, withProxyRevision } from '../engine/rollout/proxy-revision';
import { type SynthObject } from './collect';

/**
 * The synth step that rolls webhook-injected workloads when their proxy changes: every Deployment, StatefulSet and
 * DaemonSet that a sidecar-injection webhook of the app selects gets the PROXY_REVISION_ANNOTATION on its pod
 * template (see engine/rollout/proxy-revision.ts). Run after namespaces are normalized (selection reads them).
 */
export function rollWorkloads(objects: readonly SynthObject[]): SynthObject[] {
  const values = proxyRevisions(objects.map((o) => o.object));
  return objects.map((o) => {
    const value = values.get(o.object);
    return value === undefined ? o : { ...o, object: withProxyRevision(o.object, value) };
  });
}
