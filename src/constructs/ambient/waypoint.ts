import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { REVISION_LABEL } from '../../model/injection-mode';
import { describeValue, dns1123LabelError, labelMapErrors } from '../../model/names';
import { GATEWAY_API_GROUP, GATEWAY_API_VERSION } from '../../model/traffic/gateway-api';
import { admitsNamespace, type AllowedNamespaces } from '../../model/traffic/namespace-admission';
import { type PolicyTargetRef } from '../../model/traffic/security';
import {
  DEFAULT_WAYPOINT_TRAFFIC,
  NO_WAYPOINT,
  WAYPOINT_FOR_LABEL,
  WAYPOINT_GATEWAY_CLASS,
  WAYPOINT_LISTENER,
  WAYPOINT_TRAFFIC,
  type WaypointTraffic,
} from '../../model/waypoint';
import { appNamespaceLabels } from '../../core/app-index';
import type { MeshNamespace } from '../mesh-namespace';
import { proxyRevisionErrors } from '../revisions';

export interface WaypointProps {
  /**
   * The namespace the waypoint runs in (its Gateway, and the Deployment istiod makes for it).
   * @default - the chart's namespace
   */
  readonly namespace?: string | MeshNamespace;
  /**
   * Name of the Gateway (and of the waypoint's Deployment and Service). `none` is reserved by Istio.
   * @default 'waypoint' (the name `istioctl waypoint generate` uses)
   */
  readonly name?: string;
  /**
   * Which traffic the waypoint handles: addressed to services, to workloads, both (`all`) or neither (`none`);
   * the Gateway label `istio.io/waypoint-for`.
   * @default - no label, as `istioctl waypoint generate` writes it: istiod then treats it as `service`
   */
  readonly waypointFor?: WaypointTraffic;
  /**
   * The control-plane revision (or revision tag) that deploys the waypoint (Gateway label `istio.io/rev`). It must be
   * the revision of an Istiod or a RevisionTag of the app, unless `externalRevision` is set.
   * @default - the revision of the namespace's `istio.io/rev` label, else the default revision (an Istiod without
   * revision or the RevisionTag `default`, which synth requires when the app has Istiods)
   */
  readonly revision?: string;
  /**
   * The `revision` (without one: the default revision) is installed outside this app (another repository's control
   * plane): synth does not look for it.
   * @default false - an Istiod or RevisionTag of the app must serve it (the default revision is looked for only when
   * the app has an Istiod)
   */
  readonly externalRevision?: boolean;
  /**
   * Namespaces whose Services, workloads and namespaces may use the waypoint (its listener's `allowedRoutes`):
   * `'same'`, `'all'`, or namespace labels that select them. Istio refuses any other namespace's `istio.io/use-waypoint`.
   * @default 'same' - only the waypoint's own namespace
   */
  readonly allowedNamespaces?: 'same' | 'all' | Readonly<Record<string, string>>;
}

/**
 * An ambient waypoint proxy: the Gateway API `Gateway` of class `istio-waypoint` that `istioctl waypoint generate`
 * writes (one `mesh` listener, HBONE on 15008). istiod deploys the proxy itself. Namespaces opt in with
 * `new MeshNamespace(..., { waypoint })`, services and workloads with `useWaypoint(target, waypoint)`.
 * Its object lands in the policies stage: it needs the Gateway API CRDs and istiod.
 */
export class Waypoint extends Construct {
  /** Whether `x` is a Waypoint, also one from another copy of this library. */
  public static isWaypoint(x: unknown): x is Waypoint {
    return hasBrand(x, 'Waypoint');
  }

  static {
    brand(Waypoint, 'Waypoint');
  }

  public readonly name: string;
  /** The namespace's name; empty when neither the props nor the chart give one (a validation error). */
  public readonly namespace: string;
  /** The `waypointFor` given; undefined leaves the label out. */
  public readonly waypointFor?: WaypointTraffic;
  public readonly revision?: string;
  public readonly allowedNamespaces: 'same' | 'all' | Readonly<Record<string, string>>;
  /** The Gateway object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: WaypointProps = {}) {
    super(scope, id);
    props = props ?? {};
    this.name = props.name ?? 'waypoint';
    this.namespace = namespaceName(props.namespace) ?? Chart.of(this).namespace ?? '';
    this.waypointFor = props.waypointFor;
    this.revision = props.revision;
    this.allowedNamespaces = props.allowedNamespaces ?? 'same';
    const labels: Record<string, string> = {};
    if (this.waypointFor !== undefined) labels[WAYPOINT_FOR_LABEL] = String(this.waypointFor);
    if (this.revision !== undefined) labels[REVISION_LABEL] = String(this.revision);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: {
        name: this.name,
        namespace: this.namespace || undefined,
        labels: Object.keys(labels).length > 0 ? labels : undefined,
      },
      spec: { gatewayClassName: WAYPOINT_GATEWAY_CLASS, listeners: [{ ...WAYPOINT_LISTENER, ...allowedRoutes(this.listenerNamespaces) }] },
    });
    this.node.addValidation({ validate: () => this.problems(props) });
  }

  /** The traffic istiod sends through it: `waypointFor`, else `service` (istiod's default without the label). */
  public get traffic(): WaypointTraffic {
    return this.waypointFor ?? DEFAULT_WAYPOINT_TRAFFIC;
  }

  /**
   * The problem when objects of `namespace` may not use this waypoint (Istio would refuse them), or undefined. Label
   * selectors are judged by the labels of the app's Namespace object (none in the app: not judged), so call this when
   * the app is complete (in a validation).
   */
  public refusedNamespaceError(namespace: string | undefined): string | undefined {
    const allowed = this.allowedNamespaces;
    if (namespace === undefined || !isAllowedNamespaces(allowed)) return undefined;
    const labels = (ns: string) => appNamespaceLabels(this, ns);
    if (admitsNamespace(this.listenerNamespaces, this.namespace, namespace, labels, 'waypoint')) return undefined;
    if (allowed === 'same') {
      return (
        `waypoint ${this.namespace}/${this.name} admits only its own namespace, so istio refuses its use from '${namespace}': ` +
        `create it with allowedNamespaces: 'all' (or labels that select '${namespace}')`
      );
    }
    const wanted = Object.entries(allowed).map(([k, v]) => `${k}=${v}`);
    return (
      `waypoint ${this.namespace}/${this.name} admits namespaces labelled ${wanted.join(', ')}, which namespace '${namespace}' ` +
      `is not, so istio refuses its use from there: add those labels to namespace '${namespace}', or change the waypoint's allowedNamespaces`
    );
  }

  /** The listener's `allowedRoutes.namespaces`; undefined for 'same' (Gateway API's default) and invalid props. */
  private get listenerNamespaces(): AllowedNamespaces | undefined {
    const allowed = this.allowedNamespaces;
    if (allowed === 'all') return { from: 'All' };
    if (allowed === 'same' || !isAllowedNamespaces(allowed)) return undefined;
    return { from: 'Selector', selector: { matchLabels: { ...allowed } } };
  }

  /** A policy target reference to this waypoint (for `targetRefs` of an AuthorizationPolicy in its namespace). */
  public get targetRef(): PolicyTargetRef {
    return { group: GATEWAY_API_GROUP, kind: 'Gateway', name: this.name };
  }

  private problems(props: WaypointProps): string[] {
    const errors: string[] = [];
    const push = (e: string | undefined) => e && errors.push(e);
    if (this.name === NO_WAYPOINT) {
      errors.push(`waypoint name 'none' is reserved by istio (it means "no waypoint" in istio.io/use-waypoint): choose another name`);
    } else {
      push(dns1123LabelError(this.name, 'waypoint name'));
    }
    if (!this.namespace && props.namespace === undefined) {
      errors.push('waypoint has no namespace: pass namespace (a name or a MeshNamespace), or create it in a chart with a namespace');
    } else {
      push(dns1123LabelError(this.namespace, 'waypoint namespace'));
    }
    if (this.waypointFor !== undefined && !WAYPOINT_TRAFFIC.includes(this.waypointFor)) {
      errors.push(`waypointFor ${describeValue(this.waypointFor)} is not a traffic type: use one of ${WAYPOINT_TRAFFIC.join(', ')}`);
    }
    const revisionName = this.revision === undefined ? undefined : dns1123LabelError(this.revision, 'waypoint revision');
    if (revisionName) errors.push(revisionName);
    else
      errors.push(
        ...proxyRevisionErrors(this, {
          what: `waypoint ${this.namespace}/${this.name}`,
          namespace: this.namespace,
          revision: this.revision,
          external: props.externalRevision,
          construct: 'Waypoint',
          revisionProp: (revision) => `revision: '${revision}'`,
        }),
      );
    const allowed = this.allowedNamespaces;
    if (isLabelMap(allowed)) {
      if (Object.keys(allowed).length === 0) errors.push("allowedNamespaces {} selects every namespace: write 'all', or give labels");
      errors.push(...labelMapErrors(allowed, 'allowedNamespaces label'));
    } else if (allowed !== 'same' && allowed !== 'all') {
      errors.push(`allowedNamespaces ${describeValue(allowed)} is not valid: use 'same', 'all' or namespace labels`);
    }
    return errors;
  }
}

/** The listener's `allowedRoutes` field for its namespaces (none for 'same', Gateway API's default). */
function allowedRoutes(namespaces: AllowedNamespaces | undefined): Record<string, unknown> {
  return namespaces ? { allowedRoutes: { namespaces } } : {};
}

/** Whether a (JavaScript caller's) `allowedNamespaces` has a valid shape; validation reports the others. */
function isAllowedNamespaces(allowed: unknown): allowed is NonNullable<WaypointProps['allowedNamespaces']> {
  return allowed === 'same' || allowed === 'all' || isLabelMap(allowed);
}

function isLabelMap(allowed: unknown): allowed is Readonly<Record<string, string>> {
  return typeof allowed === 'object' && allowed !== null && !Array.isArray(allowed);
}

/** The namespace's name; a value of the wrong type passes through so that validation reports it. */
function namespaceName(namespace: string | MeshNamespace | undefined): string | undefined {
  if (typeof namespace === 'object' && namespace !== null && typeof namespace.name === 'string') return namespace.name;
  return namespace as string | undefined;
}
