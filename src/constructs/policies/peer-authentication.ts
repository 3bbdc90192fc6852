import { ApiObject, Lazy } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { brand, hasBrand } from '../../model/brand';
import { type MtlsMode, mtlsModeTypeError } from '../../model/mtls';
import { describeValue, dns1123LabelError, dns1123SubdomainError, labelMapErrors } from '../../model/names';
import { findInApp } from '../../core/app-index';
import type { MeshNamespace } from '../mesh-namespace';
import {
  containerPorts,
  describeTarget,
  EXPECTED_WORKLOAD,
  isConstruct,
  type IWorkload,
  type KubeTarget,
  selectorLabels,
  workloadOf,
} from '../workload-target';

/** Istio's default root namespace: policies there without a selector apply to the whole mesh. */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system';

export interface PeerAuthenticationProps {
  /**
   * Name of the PeerAuthentication.
   * @default - `default` without a selector, the workload's name with a workload selector
   */
  readonly name?: string;
  /**
   * The namespace the policy lives in and applies to.
   * @default - the selected workload's namespace, else the root namespace (a mesh-wide policy)
   */
  readonly namespace?: string | MeshNamespace;
  /**
   * The pods the policy applies to: pod labels, or a workload (a cdk8s-plus workload of any major from 27, or an
   * ApiObject of a workload kind), whose pod selector labels are used.
   * Without one the policy covers the whole namespace (or the mesh, in the root namespace).
   * @default - namespace-wide or mesh-wide
   */
  readonly selector?: Readonly<Record<string, string>> | IWorkload;
  /**
   * The mTLS mode for the selected traffic.
   * @default - no mode: inherited from the parent scope (like MtlsMode.unset())
   */
  readonly mode?: MtlsMode;
  /**
   * Modes for single container ports, overriding `mode` for those ports. Only valid with a selector.
   * @default - no port-level modes
   */
  readonly portLevelMtls?: Readonly<Record<number, MtlsMode>>;
  /**
   * The mesh's root namespace (mesh config `rootNamespace`).
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;
}

const PEER_AUTHENTICATION = 'PeerAuthentication';

/** Where a PeerAuthentication applies; Istio picks the narrowest: workload > namespace > mesh. */
export type PeerAuthenticationLevel = 'mesh' | 'namespace' | 'workload';

/** A `security.istio.io/v1` PeerAuthentication: which mTLS mode the selected workloads accept. */
export class PeerAuthentication extends Construct {
  static {
    brand(PeerAuthentication, PEER_AUTHENTICATION);
  }

  public readonly name: string;
  public readonly namespace: string;
  public readonly rootNamespace: string;
  public readonly mode?: MtlsMode;
  public readonly apiObject: ApiObject;
  private readonly props: PeerAuthenticationProps;
  /** The workload of a workload selector. */
  private readonly workload?: KubeTarget;

  constructor(scope: Construct, id: string, props: PeerAuthenticationProps = {}) {
    super(scope, id);
    this.props = props;
    this.mode = props.mode;
    this.rootNamespace = props.rootNamespace ?? DEFAULT_ROOT_NAMESPACE;
    this.workload = workloadOf(props.selector);
    const workloadApi = this.workload?.apiObject;
    this.namespace = namespaceName(props.namespace) ?? workloadApi?.metadata.namespace ?? this.rootNamespace;
    this.name = props.name ?? (workloadApi ? workloadApi.name : 'default');
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: this.name, namespace: this.namespace },
      // Lazy: a workload selector may gain labels after this construct is created.
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.node.addValidation({ validate: () => [...this.ownProblems(), ...this.appProblems()] });
  }

  /** mesh (root namespace, no selector), namespace (no selector) or workload (with a selector). */
  public get level(): PeerAuthenticationLevel {
    if (this.props.selector !== undefined) return 'workload';
    return this.namespace === this.rootNamespace ? 'mesh' : 'namespace';
  }

  /** The selector's match labels (a copy); empty without a selector. */
  public get matchLabels(): Record<string, string> {
    if (this.workload) return selectorLabels(this.workload);
    const selector = this.props.selector;
    return selector && typeof selector === 'object' && !isConstruct(selector) ? { ...(selector as Record<string, string>) } : {};
  }

  private renderSpec(): Record<string, unknown> {
    const spec: Record<string, unknown> = {};
    if (this.props.selector !== undefined) spec.selector = { matchLabels: this.matchLabels };
    if (this.mode) spec.mtls = { mode: this.mode.value };
    // Integer keys enumerate in ascending order in JavaScript, so the output order is stable.
    const ports = Object.entries(this.props.portLevelMtls ?? {});
    if (ports.length > 0) spec.portLevelMtls = Object.fromEntries(ports.map(([port, mode]) => [port, { mode: mode.value }]));
    return spec;
  }

  private ownProblems(): string[] {
    const { props } = this;
    const errors: string[] = [];
    const push = (e: string | undefined) => {
      if (e) errors.push(e);
    };
    push(dns1123SubdomainError(this.name, 'peer authentication name'));
    push(dns1123LabelError(this.namespace, 'namespace'));
    push(dns1123LabelError(this.rootNamespace, 'root namespace'));
    if (props.mode !== undefined) {
      const typeError = mtlsModeTypeError(props.mode, 'mode');
      if (typeError) errors.push(typeError);
      else errors.push(...props.mode.validate());
    }
    errors.push(...this.selectorProblems(), ...this.portProblems());
    return errors;
  }

  private selectorProblems(): string[] {
    const selector = this.props.selector;
    if (selector === undefined) return [];
    const workload = this.workload;
    if (!workload && isConstruct(selector)) {
      return [`selector: expected pod labels or ${EXPECTED_WORKLOAD}, got ${describeTarget(selector)}`];
    }
    if (!workload && (typeof selector !== 'object' || selector === null || Array.isArray(selector))) {
      return [`selector must be pod labels or a workload, got ${describeValue(selector)}`];
    }
    const errors = labelMapErrors(this.matchLabels, 'selector label');
    if (Object.keys(this.matchLabels).length === 0) {
      errors.push(
        workload
          ? `selector workload ${workload.construct.node.path} selects no pod labels: call workload.select(...) or pass labels`
          : 'selector has no labels, so istio treats the policy as namespace-wide: omit selector for a namespace-wide policy or add labels',
      );
    }
    if (this.namespace === this.rootNamespace) {
      errors.push(
        `istio ignores a policy with a selector in the root namespace '${this.rootNamespace}': ` +
          'set namespace to the namespace of the selected workloads',
      );
    }
    const workloadNs = workload?.apiObject.metadata.namespace;
    if (workloadNs !== undefined && workloadNs !== this.namespace) {
      errors.push(
        `selector workload ${workload!.construct.node.path} is in namespace '${workloadNs}' but the policy is in '${this.namespace}': ` +
          "a selector only matches pods of the policy's own namespace, so set namespace to the workload's",
      );
    }
    return errors;
  }

  private portProblems(): string[] {
    const ports = this.props.portLevelMtls;
    if (ports === undefined) return [];
    if (typeof ports !== 'object' || ports === null || Array.isArray(ports)) {
      return [`portLevelMtls must be an object of port numbers to MtlsMode, got ${describeValue(ports)}`];
    }
    const entries = Object.entries(ports);
    const errors: string[] = [];
    if (this.props.selector === undefined) {
      errors.push(
        'port-level mtls needs a selector (istio rejects it on mesh-wide and namespace-wide policies): ' +
          'add a selector for the workload or remove portLevelMtls',
      );
    }
    if (entries.length === 0) errors.push('portLevelMtls is empty: name at least one port or omit it');
    const containerPorts = this.containerPorts();
    for (const [key, mode] of entries) {
      const port = Number(key);
      if (!/^\d+$/.test(key) || port < 1 || port > 65535) {
        errors.push(`port-level mtls port '${key}' is not a port number: use a container port from 1 to 65535`);
      } else if (containerPorts && !containerPorts.includes(port)) {
        const list = containerPorts.length > 0 ? containerPorts.join(', ') : 'none';
        errors.push(
          `port-level mtls port ${port} is not a container port of the selected workload (its ports: ${list}): ` +
            'use one of its container ports or add the port to a container',
        );
      }
      const typeError = mtlsModeTypeError(mode, `port-level mtls mode of port ${key}`);
      if (typeError) errors.push(typeError);
      else errors.push(...mode.validate().map((e) => `port ${key}: ${e}`));
    }
    return errors;
  }

  /** The container ports of a workload selector; undefined for a label selector. */
  private containerPorts(): number[] | undefined {
    return this.workload ? containerPorts(this.workload) : undefined;
  }

  /** Conflicts with other PeerAuthentications of the app that Istio would settle by creation time. */
  private appProblems(): string[] {
    const errors: string[] = [];
    for (const other of allPeerAuthentications(this)) {
      if (other === this) break; // each conflict is reported once, on the later construct
      if (other.namespace !== this.namespace) continue;
      if (this.level !== 'workload' && other.level === this.level) {
        const what =
          this.level === 'mesh' ? 'the mesh already has a mesh-wide' : `namespace '${this.namespace}' already has a namespace-wide`;
        errors.push(`${what} peer authentication (${other.node.path}); istio would use only the older one: merge them into one policy`);
      } else if (other.name === this.name) {
        errors.push(
          `peer authentication '${this.namespace}/${this.name}' is already defined by ${other.node.path}: give one of them another name`,
        );
      } else if (this.level === 'workload' && other.level === 'workload' && sameLabels(other.matchLabels, this.matchLabels)) {
        errors.push(
          `peer authentication ${other.node.path} has the same selector ${JSON.stringify(this.matchLabels)}; ` +
            'istio would use only the older one: merge them into one policy',
        );
      }
    }
    return errors;
  }
}

function allPeerAuthentications(scope: IConstruct): PeerAuthentication[] {
  return findInApp(scope, isPeerAuthentication);
}

/** A stable guard (findInApp memoizes lookups by it), by brand: a policy of another copy of the library conflicts too. */
function isPeerAuthentication(c: IConstruct): c is PeerAuthentication {
  return hasBrand(c, PEER_AUTHENTICATION);
}

/** The namespace's name; a value of the wrong type passes through so that validation reports it. */
function namespaceName(namespace: string | MeshNamespace | undefined): string | undefined {
  if (typeof namespace === 'object' && namespace !== null && typeof namespace.name === 'string') return namespace.name;
  return namespace as string | undefined;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
