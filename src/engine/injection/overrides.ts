/**
 * A user's own istio-proxy (or init) container overrides the injected one field by field: it is merged
 * back over the template's result and saved in proxy.istio.io/overrides for later re-injection.
 */
import { strategicMerge } from './merge';
import { containerList, findContainer } from './pod';
import { OVERRIDES_ANNOTATION, parseOverrides, readStatus, STATUS_ANNOTATION } from './status';
import { clone, type Tree } from './tree';

/** The Kubernetes JSON field order of a container, so the saved overrides read like Istio's. */
const CONTAINER_FIELDS = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'restartPolicyRules',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
];

export function reapplyUserContainers(merged: Tree, original: Tree, templatePod: Tree, proxyConfig: Tree): Tree {
  const annotations = (original.metadata as Tree).annotations as Record<string, string>;
  const saved = parseOverrides(annotations[OVERRIDES_ANNOTATION]) ?? {};
  const previous = readStatus(annotations);
  const alreadyInjected = annotations[STATUS_ANNOTATION] !== undefined;
  const applied: { containers: Tree[]; initContainers: Tree[] } = { containers: [], initContainers: [] };
  const templateSpec = (templatePod.spec ?? {}) as Tree;
  const originalSpec = original.spec as Tree;
  let out = merged;

  for (const c of containerList(templateSpec, 'containers')) {
    if ((previous?.containers ?? []).includes(String(c.name))) continue;
    const match =
      saved.containers?.find((x) => x.name === c.name) ?? containerList(originalSpec, 'containers').find((x) => x.name === c.name);
    if (!match) continue;
    const overlay = asOverlay(match);
    applied.containers.push(overlay);
    out = strategicMerge(out, { spec: { containers: [overlay] } });
  }
  for (const c of containerList(templateSpec, 'initContainers')) {
    if ((previous?.initContainers ?? []).includes(String(c.name))) continue;
    const match = saved.initContainers?.find((x) => x.name === c.name) ?? findContainer(original, String(c.name));
    if (!match) continue;
    const overlay = asOverlay(match);
    applied.initContainers.push(overlay);
    out = strategicMerge(out, { spec: { initContainers: [overlay] } });
  }
  if (!alreadyInjected && (applied.containers.length > 0 || applied.initContainers.length > 0)) {
    const record: Tree = {};
    if (applied.containers.length > 0) record.containers = applied.containers;
    if (applied.initContainers.length > 0) record.initContainers = applied.initContainers;
    ((out.metadata as Tree).annotations as Record<string, string>)[OVERRIDES_ANNOTATION] = JSON.stringify(record);
  }
  adjustInitContainerUser(out, original, proxyConfig);
  return out;
}

/** The user's container as a patch: `image: auto` means "keep the injected image"; empty fields are no patch. */
function asOverlay(container: Tree): Tree {
  const c = clone(container);
  if (c.image === 'auto' || c.image === '') delete c.image;
  const out: Tree = {};
  for (const field of CONTAINER_FIELDS) {
    if (field === 'resources') out.resources = c.resources ?? {};
    else if (c[field] !== undefined && c[field] !== null) out[field] = c[field];
  }
  for (const [k, v] of Object.entries(c)) if (!(k in out) && v !== undefined && v !== null) out[k] = v;
  return out;
}

/** A user-chosen proxy uid/gid must also be what iptables exempts (and what the CNI validation runs as). */
function adjustInitContainerUser(pod: Tree, original: Tree, proxyConfig: Tree): void {
  const user = findContainer(original, 'istio-proxy');
  const ctx = user?.securityContext as Tree | undefined;
  if (!ctx || (ctx.runAsUser === undefined && ctx.runAsGroup === undefined)) return;
  const spec = pod.spec as Tree;
  const init = containerList(spec, 'initContainers');
  const target = init.find((c) => c.name === 'istio-init') ?? init.find((c) => c.name === 'istio-validation');
  if (!target) return;
  const annotations = (pod.metadata as Tree).annotations as Record<string, string>;
  const tproxy = proxyConfig.interceptionMode === 'TPROXY' || annotations['sidecar.istio.io/interceptionMode'] === 'TPROXY';
  if (tproxy && ctx.runAsUser !== undefined) {
    const sidecar = findContainer(pod, 'istio-proxy');
    if (sidecar && sidecar.securityContext && typeof sidecar.securityContext === 'object') {
      (sidecar.securityContext as Tree).runAsUser = 0;
    }
  }
  if (!tproxy && target.name === 'istio-validation') {
    const targetCtx = { ...((target.securityContext ?? {}) as Tree) };
    if (ctx.runAsUser !== undefined) targetCtx.runAsUser = ctx.runAsUser;
    if (ctx.runAsGroup !== undefined) targetCtx.runAsGroup = ctx.runAsGroup;
    target.securityContext = targetCtx;
  }
  if (ctx.runAsUser === undefined || ctx.runAsUser === 0) return;
  const args = Array.isArray(target.args) ? (target.args as unknown[]) : [];
  const at = args.indexOf('-u');
  if (at >= 0 && at + 1 < args.length) args[at + 1] = String(ctx.runAsUser);
}
