/** Where each workload kind keeps its pod template, and who the pod belongs to (for names and owner env). */
import { isRecord } from '../k8s/object';
import { type Tree } from './tree';

/** The pod-shaped part of an object: the metadata and spec the injector reads and rewrites. */
export interface PodTarget {
  /** The map that holds the pod metadata (a CronJob's job template metadata, as Istio does). */
  readonly holder: Tree;
  readonly metaKey: string;
  /** The map that holds the pod spec under `spec`. */
  readonly specHolder: Tree;
  readonly typeMeta: { readonly apiVersion: string; readonly kind: string };
  readonly deployMeta: { readonly name: string; readonly namespace: string };
}

/**
 * The kinds Istio's injector decodes. It registers them without a version, so the kind alone decides:
 * `extensions/v1beta1` Deployments and `v1` DeploymentConfigs are injected too.
 */
const HANDLED_KINDS = new Set([
  'Pod',
  'List',
  'ReplicationController',
  'Deployment',
  'DaemonSet',
  'ReplicaSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'DeploymentConfig',
]);

/** True for the kinds the injector understands (others pass through untouched). */
export function isHandledKind(kind: unknown): boolean {
  return typeof kind === 'string' && HANDLED_KINDS.has(kind);
}

/** Finds the pod metadata/spec inside an object of a handled kind (not a List); undefined when it has none. */
export function locatePod(object: Tree): PodTarget | undefined {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = String(object.kind);
  const meta = record(object.metadata);
  const ownName = { name: str(meta.name), namespace: str(meta.namespace) };
  if (kind === 'Pod') {
    ensure(object, 'spec');
    return { holder: object, metaKey: 'metadata', specHolder: object, ...podOwner(meta) };
  }
  const spec = ensure(object, 'spec');
  if (kind === 'CronJob') {
    const jobTemplate = ensure(spec, 'jobTemplate');
    const template = ensure(ensure(jobTemplate, 'spec'), 'template');
    ensure(template, 'spec');
    return { holder: jobTemplate, metaKey: 'metadata', specHolder: template, typeMeta: { apiVersion, kind }, deployMeta: ownName };
  }
  if (!isRecord(spec.template)) return undefined;
  const template = spec.template as Tree;
  ensure(template, 'spec');
  return { holder: template, metaKey: 'metadata', specHolder: template, typeMeta: { apiVersion, kind }, deployMeta: ownName };
}

const CRONJOB_RUN = /^(.+)-\d{8,10}$/;

/** A bare pod names its workload through its controller reference, when its name is generated. */
function podOwner(meta: Tree): Pick<PodTarget, 'typeMeta' | 'deployMeta'> {
  let typeMeta = { apiVersion: 'v1', kind: 'Pod' };
  let name = str(meta.name);
  const labels = record(meta.labels);
  const controller = Array.isArray(meta.ownerReferences)
    ? ((meta.ownerReferences as unknown[]).find((r) => isRecord(r) && r.controller === true) as Tree | undefined)
    : undefined;
  if (str(meta.generateName) !== '' && controller) {
    const refName = str(controller.name);
    typeMeta = { apiVersion: str(controller.apiVersion), kind: str(controller.kind) };
    name = refName;
    const hash = str(labels['pod-template-hash']);
    const rolloutHash = str(labels['rollouts-pod-template-hash']);
    if (typeMeta.kind === 'ReplicaSet' && hash !== '' && refName.endsWith(hash)) {
      name = trimSuffix(refName, `-${hash}`);
      typeMeta = { ...typeMeta, kind: 'Deployment' };
    } else if (typeMeta.kind === 'ReplicaSet' && rolloutHash !== '' && refName.endsWith(rolloutHash)) {
      name = trimSuffix(refName, `-${rolloutHash}`);
      typeMeta = { apiVersion: 'v1alpha1', kind: 'Rollout' };
    } else if (typeMeta.kind === 'ReplicationController' && str(labels.deploymentconfig) !== '') {
      name = str(labels.deploymentconfig);
      typeMeta = { ...typeMeta, kind: 'DeploymentConfig' };
    } else if (typeMeta.kind === 'Job') {
      const run = CRONJOB_RUN.exec(refName);
      if (run) {
        name = run[1];
        typeMeta = { apiVersion: 'batch/v1', kind: 'CronJob' };
      }
    }
  }
  if (name === '') name = str(meta.name);
  return { typeMeta, deployMeta: { name, namespace: str(meta.namespace) } };
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}

function ensure(parent: Tree, key: string): Tree {
  if (!isRecord(parent[key])) parent[key] = {};
  return parent[key] as Tree;
}

function record(value: unknown): Tree {
  return isRecord(value) ? value : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
