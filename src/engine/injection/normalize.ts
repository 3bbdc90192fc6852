/**
 * What Istio's round trip through the Kubernetes Go types does to a pod: quantities become canonical,
 * empty optional strings and zero probe timings disappear. Without it the output would differ from
 * `istioctl kube-inject` in text though not in meaning.
 */
import { isRecord } from '../k8s/object';
import { InjectionError } from './errors';
import { canonicalQuantity } from './quantity';
import { type Tree } from './tree';

const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_INTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

export function normalizePodSpec(spec: Tree): void {
  for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
    if (!Array.isArray(spec[field])) continue;
    for (const c of spec[field] as unknown[]) if (isRecord(c)) normalizeContainer(c);
  }
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (isRecord(v) && isRecord(v.emptyDir) && v.emptyDir.sizeLimit !== undefined) {
        v.emptyDir.sizeLimit = quantity(v.emptyDir.sizeLimit, 'emptyDir.sizeLimit');
      }
    }
  }
  if (isRecord(spec.overhead)) canonicalizeList(spec.overhead, 'overhead');
  for (const field of ['initContainers', 'ephemeralContainers', 'volumes', 'imagePullSecrets']) {
    if (Array.isArray(spec[field]) && (spec[field] as unknown[]).length === 0) delete spec[field];
  }
}

function normalizeContainer(c: Tree): void {
  for (const [k, v] of Object.entries(c)) if (v === '' && k !== 'name') delete c[k];
  if (isRecord(c.resources)) {
    for (const part of ['limits', 'requests']) {
      if (isRecord(c.resources[part])) canonicalizeList(c.resources[part] as Tree, `resources.${part}`);
    }
  }
  if (Array.isArray(c.env)) {
    for (const e of c.env) if (isRecord(e) && e.value === '') delete e.value;
  }
  for (const field of PROBE_FIELDS) {
    const probe = c[field];
    if (!isRecord(probe)) continue;
    for (const k of PROBE_INTS) if (probe[k] === 0) delete probe[k];
  }
}

function canonicalizeList(list: Tree, where: string): void {
  for (const [k, v] of Object.entries(list)) list[k] = quantity(v, `${where}.${k}`);
}

function quantity(v: unknown, where: string): unknown {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string') return v;
  const canonical = canonicalQuantity(text);
  if (canonical === undefined) {
    throw new InjectionError(
      `${where}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got ${JSON.stringify(text)}`,
      undefined,
      where,
    );
  }
  return canonical;
}

/** Status counters the Go types always write, by kind (they show inside List items). */
const ZERO_STATUS: Record<string, readonly string[]> = {
  DeploymentConfig: ['availableReplicas', 'latestVersion', 'observedGeneration', 'replicas', 'unavailableReplicas', 'updatedReplicas'],
  ReplicationController: ['replicas'],
  ReplicaSet: ['replicas'],
  StatefulSet: ['replicas', 'availableReplicas'],
  DaemonSet: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'],
};

/**
 * Workload fields as the Go types write them: zero `paused`/`minReadySeconds` left out, DeploymentConfig's
 * `test` and the kind's status counters always present.
 */
export function normalizeWorkload(object: Tree): void {
  const spec = object.spec;
  if (!isRecord(spec) || object.kind === 'Pod') return;
  if (spec.paused === false) delete spec.paused;
  if (spec.minReadySeconds === 0) delete spec.minReadySeconds;
  if (object.kind === 'DeploymentConfig' && spec.test === undefined) spec.test = false;
  const counters = ZERO_STATUS[String(object.kind)];
  if (counters) {
    const status: Tree = isRecord(object.status) ? object.status : {};
    for (const c of counters) if (status[c] === undefined) status[c] = 0;
    object.status = status;
  }
}
