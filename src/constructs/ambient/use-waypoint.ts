import { Construct, type IConstruct } from 'constructs';
import { UserError } from '../../errors';
import { brand, hasBrand } from '../../model/brand';
import { describeValue } from '../../model/names';
import { NO_WAYPOINT, USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL, waypointServes } from '../../model/waypoint';
import { patchPodTemplate, podTemplateLabels } from '../pod-template-patch';
import {
  describeTarget,
  type IPodMetadata,
  isConstruct,
  type KubeTarget,
  podLabels,
  podsOf,
  resolvedObject,
  serviceOf,
} from '../workload-target';
import { Waypoint } from './waypoint';

/** A waypoint to use, or `'none'`: opt out of the waypoint the namespace names. */
export type WaypointChoice = Waypoint | 'none';

const EXPECTED_TARGET =
  'a Service or a workload (a cdk8s-plus Service, Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod, or an ApiObject of one of those kinds)';

/**
 * The labels that send traffic of an object in `fromNamespace` through `waypoint` (`istio.io/use-waypoint`, plus
 * `istio.io/use-waypoint-namespace` when the waypoint lives elsewhere or the object's namespace is not known).
 */
export function useWaypointLabels(waypoint: WaypointChoice, fromNamespace: string | undefined): Record<string, string> {
  if (waypoint === NO_WAYPOINT) return { [USE_WAYPOINT_LABEL]: NO_WAYPOINT };
  const labels: Record<string, string> = { [USE_WAYPOINT_LABEL]: waypoint.name };
  if (waypoint.namespace !== fromNamespace) labels[USE_WAYPOINT_NAMESPACE_LABEL] = waypoint.namespace;
  return labels;
}

/** The problem with a `waypoint` value that is neither a Waypoint nor 'none', or undefined. */
function waypointChoiceError(waypoint: unknown, what: string): string | undefined {
  if (waypoint === NO_WAYPOINT || Waypoint.isWaypoint(waypoint)) return undefined;
  return `${what} must be a Waypoint or 'none', got ${describeValue(waypoint)}: pass the Waypoint construct`;
}

/**
 * Sends the traffic of one Service or workload through a waypoint (or, with 'none', past the namespace's waypoint):
 * labels the Service, or the workload's pods, with `istio.io/use-waypoint`. Add it with `useWaypoint(target, waypoint)`.
 */
export class UseWaypoint extends Construct {
  /** Whether `x` is a UseWaypoint, also one from another copy of this library. */
  public static isUseWaypoint(x: unknown): x is UseWaypoint {
    return hasBrand(x, 'UseWaypoint');
  }

  static {
    brand(UseWaypoint, 'UseWaypoint');
  }

  public readonly waypoint: WaypointChoice;
  /** The labels set on the Service or the pods. */
  public readonly labels: Readonly<Record<string, string>>;

  constructor(target: IConstruct, id: string, waypoint: WaypointChoice) {
    if (!isConstruct(target)) throw new UserError(`useWaypoint: expected ${EXPECTED_TARGET}, got ${describeTarget(target)}`);
    super(target, id);
    this.waypoint = waypoint;
    const service = serviceOf(target);
    const pods = service ? undefined : podsOf(target);
    const found = service ?? pods;
    const choiceError = waypointChoiceError(waypoint, 'waypoint');
    const problems: string[] = [];
    if (!found) problems.push(`expected ${EXPECTED_TARGET}, got ${describeTarget(target)}: pass the Service or the workload`);
    if (choiceError) problems.push(choiceError);
    const namespace = found?.apiObject.metadata.namespace;
    this.labels = found && !choiceError ? useWaypointLabels(waypoint, namespace) : {};
    if (service) problems.push(...labelService(service, this.labels));
    if (pods?.podMetadata) problems.push(...labelPodMetadata(pods, pods.podMetadata, this.labels));
    // Judged at validation, when the app's Namespace objects (whose labels a waypoint's selector reads) all exist.
    const refused = () => {
      const error = found && Waypoint.isWaypoint(waypoint) ? waypoint.refusedNamespaceError(namespace) : undefined;
      return error ? [error] : [];
    };
    // A plain ApiObject's pod template is patched at the first validation, when the tree is complete (as MeshWorkload does).
    let patched: string[] | undefined;
    const patchOnce = () => (patched ??= pods && !pods.podMetadata ? labelPodTemplate(pods, this.labels) : []);
    const kind = service ? 'service' : 'workload';
    this.node.addValidation({
      validate: () => [...problems, ...patchOnce(), ...refused(), ...this.trafficProblems(kind), ...this.siblingProblems(target)],
    });
  }

  /** istiod ignores a waypoint for a target whose kind of traffic it does not handle (and reports it in status). */
  private trafficProblems(kind: 'service' | 'workload'): string[] {
    const w = this.waypoint;
    if (!Waypoint.isWaypoint(w) || waypointServes(w.traffic, kind)) return [];
    return [
      `waypoint ${w.namespace}/${w.name} handles ${w.traffic} traffic, so istio ignores it for this ${kind}: ` +
        `create the waypoint with waypointFor: '${kind}' or 'all'`,
    ];
  }

  private siblingProblems(target: IConstruct): string[] {
    const first = target.node.children.find((c) => UseWaypoint.isUseWaypoint(c));
    return first && first !== this
      ? [`this target already chooses a waypoint at ${first.node.path}: call useWaypoint once per target`]
      : [];
  }
}

/**
 * Sends a Service's or a workload's traffic through `waypoint` (`'none'`: opt out of its namespace's waypoint).
 * A Service takes the label itself; a workload on its pod template.
 */
export function useWaypoint(target: IConstruct, waypoint: WaypointChoice): UseWaypoint {
  if (!isConstruct(target)) throw new UserError(`useWaypoint: expected ${EXPECTED_TARGET}, got ${describeTarget(target)}`);
  let id = 'UseWaypoint';
  for (let n = 2; target.node.tryFindChild(id); n++) id = `UseWaypoint${n}`;
  return new UseWaypoint(target, id, waypoint);
}

function labelService(target: KubeTarget, labels: Record<string, string>): string[] {
  const metadata = target.apiObject.metadata;
  const problems = contradictions(labels, (key) => metadata.getLabel(key), 'the Service');
  for (const [key, value] of Object.entries(labels)) metadata.addLabel(key, value);
  return problems;
}

const POD_LABELS = "the pod template's labels";

function labelPodMetadata(target: KubeTarget, podMetadata: IPodMetadata, labels: Record<string, string>): string[] {
  const problems = contradictions(labels, (key) => podLabels(target)[key], POD_LABELS);
  for (const [key, value] of Object.entries(labels)) podMetadata.addLabel(key, value);
  return problems;
}

function labelPodTemplate(target: KubeTarget, labels: Record<string, string>): string[] {
  const object = resolvedObject(target);
  const problems = contradictions(labels, (key) => podTemplateLabels(object)[key], POD_LABELS);
  return [...problems, ...patchPodTemplate(target, labels, {}, object)];
}

function contradictions(wanted: Record<string, string>, existing: (key: string) => unknown, where: string): string[] {
  return Object.entries(wanted).flatMap(([key, value]) => {
    const found = existing(key);
    if (found === undefined || found === value) return [];
    return [`label ${key}=${describeValue(found)} contradicts the waypoint choice ('${value}'): remove it from ${where}`];
  });
}
