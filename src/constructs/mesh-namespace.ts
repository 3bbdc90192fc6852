import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { findInApp } from '../core/app-index';
import { brand, hasBrand } from '../model/brand';
import { INJECTION_LABEL, InjectionMode, MANAGED_NAMESPACE_LABELS, REVISION_LABEL, injectionModeTypeError } from '../model/injection-mode';
import { MtlsMode } from '../model/mtls';
import { annotationMapErrors, describeValue, dns1123LabelError, labelMapErrors } from '../model/names';
import { USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL } from '../model/waypoint';
import { useWaypointLabels } from './ambient/use-waypoint';
import { Waypoint } from './ambient/waypoint';
import { PeerAuthentication } from './policies/peer-authentication';
import { missingDefaultRevisionError, missingRevisionError } from './revisions';

export interface MeshNamespaceProps {
  /** The namespace's name (a dns-1123 label). Existing namespaces such as `default` may be named too. */
  readonly name: string;
  /**
   * How pods of the namespace join the mesh.
   * @default InjectionMode.sidecar() - every pod gets a sidecar from the default revision
   */
  readonly injection?: InjectionMode;
  /**
   * More labels for the namespace. The injection labels (`istio-injection`, `istio.io/rev`,
   * `istio.io/dataplane-mode`) are not allowed here: they come from `injection`.
   * @default - only the injection labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations for the namespace. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The waypoint that handles the traffic of the namespace's ambient services (or workloads, by its `waypointFor`):
   * the label `istio.io/use-waypoint` (and `istio.io/use-waypoint-namespace` for a waypoint in another namespace).
   * @default - no waypoint: ztunnel alone (L4)
   */
  readonly waypoint?: Waypoint;
}

export interface RequireMtlsOptions {
  /**
   * Where the PeerAuthentication construct goes, e.g. a chart of security policies.
   * @default - this namespace construct
   */
  readonly scope?: Construct;
  /** Construct id of the PeerAuthentication. @default 'PeerAuthentication' (numbered when taken) */
  readonly id?: string;
}

/**
 * A namespace in the mesh: a `v1/Namespace` whose labels say how its pods get (or do not get) a data plane.
 * It owns the namespace object, so GitOps manages it from then on (including `default`).
 */
export class MeshNamespace extends Construct {
  /** Whether `x` is a MeshNamespace, also one from another copy of this library. */
  public static isMeshNamespace(x: unknown): x is MeshNamespace {
    return hasBrand(x, 'MeshNamespace');
  }

  /** The MeshNamespace constructs in the app of `scope` named `name`, in construct order. */
  public static findAll(scope: IConstruct, name: string): MeshNamespace[] {
    return findInApp(scope, MeshNamespace.isMeshNamespace).filter((c) => c.name === name);
  }

  static {
    brand(MeshNamespace, 'MeshNamespace');
  }

  public readonly name: string;
  public readonly injection: InjectionMode;
  public readonly waypoint?: Waypoint;
  /** The Namespace object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MeshNamespaceProps) {
    super(scope, id);
    props = props ?? {}; // plain JavaScript callers: a missing name becomes a validation error
    this.name = props.name;
    this.injection = props.injection ?? InjectionMode.sidecar();
    const modeLabels = InjectionMode.isInjectionMode(this.injection) ? this.injection.labels() : {};
    this.waypoint = props.waypoint;
    const waypointLabels = Waypoint.isWaypoint(this.waypoint) ? useWaypointLabels(this.waypoint, this.name) : {};
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: this.name,
        labels: { ...withoutManaged(props.labels), ...modeLabels, ...waypointLabels },
        annotations: props.annotations ? { ...props.annotations } : undefined,
      },
    });
    // Namespaces are cluster-scoped: drop the namespace cdk8s copies from a chart that has one.
    if (Chart.of(this).namespace) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    this.node.addValidation({ validate: () => this.problems(props) });
  }

  /**
   * Requires mutual TLS for every workload of the namespace: a namespace-wide PeerAuthentication named `default`.
   * @param mode the mode to require. @default MtlsMode.strict()
   */
  public requireMtls(mode: MtlsMode = MtlsMode.strict(), options: RequireMtlsOptions = {}): PeerAuthentication {
    const scope = options.scope ?? this;
    return new PeerAuthentication(scope, options.id ?? freeId(scope, 'PeerAuthentication'), { namespace: this, mode });
  }

  private problems(props: MeshNamespaceProps): string[] {
    const errors: string[] = [];
    const nameError = dns1123LabelError(this.name, 'namespace name');
    if (nameError) errors.push(nameError);
    const typeError = injectionModeTypeError(this.injection);
    if (typeError) errors.push(typeError);
    else errors.push(...this.injection.validate(), ...this.revisionProblems());
    errors.push(...labelMapErrors(props.labels, 'namespace label'), ...annotationMapErrors(props.annotations, 'namespace annotation'));
    errors.push(...managedLabelProblems(props.labels), ...waypointProblems(props));
    const first = MeshNamespace.findAll(this, this.name)[0];
    if (first && first !== this) {
      errors.push(`namespace ${describeValue(this.name)} is already declared by ${first.node.path}: declare each namespace once`);
    }
    return errors;
  }

  private revisionProblems(): string[] {
    const mode = this.injection;
    if (mode.kind === 'sidecar') {
      const error = missingDefaultRevisionError(
        this,
        `namespace '${this.name}' is labeled ${INJECTION_LABEL}=enabled (InjectionMode.sidecar())`,
      );
      return error ? [error] : [];
    }
    if (mode.kind !== 'revision' || mode.external || mode.validate().length > 0) return [];
    const error = missingRevisionError(this, String(mode.revision), `InjectionMode.revision('${mode.revision}', { external: true })`);
    return error ? [error] : [];
  }
}

/** `base`, or `base2`, `base3`... when taken, so a second call ends in a validation error, not an exception. */
function freeId(scope: Construct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}${n}`;
  return id;
}

function withoutManaged(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!labels || typeof labels !== 'object') return out;
  for (const [key, value] of Object.entries(labels)) {
    if (!MANAGED_NAMESPACE_LABELS.includes(key)) out[key] = value;
  }
  return out;
}

function managedLabelProblems(labels: Readonly<Record<string, string>> | undefined): string[] {
  if (!labels || typeof labels !== 'object') return [];
  const errors: string[] = [];
  for (const key of Object.keys(labels).filter((k) => MANAGED_NAMESPACE_LABELS.includes(k))) {
    const both =
      key === INJECTION_LABEL || key === REVISION_LABEL ? ` (a namespace never carries both ${INJECTION_LABEL} and ${REVISION_LABEL})` : '';
    errors.push(
      `label '${key}' is set by the injection prop${both}: remove it from labels and set injection, ` +
        "e.g. InjectionMode.sidecar(), InjectionMode.revision('<name>') or InjectionMode.ambient()",
    );
  }
  return errors;
}

function waypointProblems(props: MeshNamespaceProps): string[] {
  if (props.waypoint === undefined) return [];
  if (!Waypoint.isWaypoint(props.waypoint))
    return [`waypoint must be a Waypoint, got ${describeValue(props.waypoint)}: pass the Waypoint construct`];
  const refused = props.waypoint.refusedNamespaceError(props.name);
  const taken = Object.keys(props.labels ?? {}).filter((k) => k === USE_WAYPOINT_LABEL || k === USE_WAYPOINT_NAMESPACE_LABEL);
  return [...(refused ? [refused] : []), ...taken.map((k) => `label '${k}' is set by the waypoint prop: remove it from labels`)];
}
