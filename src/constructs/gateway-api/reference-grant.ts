import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { dns1123LabelError, dns1123SubdomainError } from '../../model/names';
import { GATEWAY_API_GROUP, GATEWAY_API_VERSION, type ReferenceGrantSpec } from '../../model/traffic/gateway-api';
import { defined } from '../policies/common';

/** Objects (by kind, in one namespace) allowed to refer into the grant's namespace. */
export interface ReferenceGrantFrom {
  /** @default 'gateway.networking.k8s.io' */
  readonly group?: string;
  /** e.g. 'HTTPRoute' or 'Gateway'. */
  readonly kind: string;
  readonly namespace: string;
}

/** Objects of the grant's namespace that may be referred to. */
export interface ReferenceGrantTo {
  /** @default '' (the core group: Service, Secret) */
  readonly group?: string;
  /** e.g. 'Service' or 'Secret'. */
  readonly kind: string;
  /** @default - every object of the kind */
  readonly name?: string;
}

export interface ReferenceGrantProps {
  /** The namespace of the objects referred to (the grant lives there). */
  readonly namespace: string;
  /** A DNS subdomain. */
  readonly name: string;
  readonly from: readonly ReferenceGrantFrom[];
  readonly to: readonly ReferenceGrantTo[];
}

/**
 * A Gateway API `ReferenceGrant`: lets routes or gateways of another namespace refer to Services or Secrets of this
 * one. KubernetesGateway and HttpRoute create the ones they need unless told not to.
 */
export class ReferenceGrant extends Construct {
  public readonly apiObject: ApiObject;
  private readonly to: ReferenceGrantTo[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ReferenceGrantProps,
  ) {
    super(scope, id);
    this.to = [...props.to];
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'ReferenceGrant',
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Allows one more target (duplicates are ignored). */
  public addTo(to: ReferenceGrantTo): void {
    const same = (t: ReferenceGrantTo) => (t.group ?? '') === (to.group ?? '') && t.kind === to.kind && t.name === to.name;
    if (!this.to.some(same)) this.to.push(to);
  }

  public spec(): ReferenceGrantSpec {
    return {
      from: this.props.from.map((f) => ({ group: f.group ?? GATEWAY_API_GROUP, kind: f.kind, namespace: f.namespace })),
      to: this.to.map((t) => ({ group: t.group ?? '', kind: t.kind, ...(t.name ? { name: t.name } : {}) })),
    };
  }

  private problems(): string[] {
    return defined([
      dns1123SubdomainError(this.props.name, 'reference grant name'),
      dns1123LabelError(this.props.namespace, 'reference grant namespace'),
      this.props.from.length === 0
        ? "reference grant has no `from`: name the kind and namespace that may refer, e.g. { kind: 'HTTPRoute', namespace: 'web' }"
        : undefined,
      this.to.length === 0 ? "reference grant has no `to`: name the kind that may be referred to, e.g. { kind: 'Service' }" : undefined,
      ...this.props.from.map((f) => dns1123LabelError(f.namespace, 'reference grant from namespace')),
    ]);
  }
}

/** A reference from a route or gateway to an object, possibly in another namespace. */
export interface OutgoingReference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * The ReferenceGrants one route or gateway needs, one per namespace it refers into: created as its children
 * (`create`), or reported as problems that say which grant to add.
 */
export class CrossNamespaceGrants {
  private readonly grants = new Map<string, ReferenceGrant>();
  private readonly missing: OutgoingReference[] = [];

  constructor(
    private readonly owner: Construct,
    private readonly from: { readonly kind: string; readonly name: string; readonly namespace: string | undefined },
    private readonly create: boolean,
  ) {}

  /** Records a reference; a grant is created (or extended) when it crosses namespaces. */
  public add(ref: OutgoingReference): void {
    if (!ref.namespace || ref.namespace === this.from.namespace) return;
    if (!this.create || !this.from.namespace) {
      this.missing.push(ref);
      return;
    }
    const to: ReferenceGrantTo = { group: ref.group, kind: ref.kind, name: ref.name };
    const existing = this.grants.get(ref.namespace);
    if (existing) return existing.addTo(to);
    const grant = new ReferenceGrant(this.owner, `ReferenceGrant-${ref.namespace}`, {
      namespace: ref.namespace,
      name: `${this.from.kind.toLowerCase()}-${this.from.namespace}-${this.from.name}`.slice(0, 253).replace(/[-.]+$/, ''),
      from: [{ kind: this.from.kind, namespace: this.from.namespace }],
      to: [to],
    });
    this.grants.set(ref.namespace, grant);
  }

  public problems(): string[] {
    return this.missing.map((ref) =>
      this.from.namespace
        ? `${ref.kind} '${ref.namespace}/${ref.name}' is in another namespace and needs a ReferenceGrant there allowing ` +
          `${this.from.kind} from '${this.from.namespace}': add a ReferenceGrant, or leave \`referenceGrants\` on to create it`
        : `${ref.kind} '${ref.namespace}/${ref.name}' is in another namespace but this ${this.from.kind} has none: set its \`namespace\` ` +
          "(or the chart's), so the ReferenceGrant can name it",
    );
  }
}
