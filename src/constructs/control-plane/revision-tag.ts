import { Construct } from 'constructs';
import { findInApp } from '../../core/app-index';
import { Stage } from '../../core/stage';
import { ChartSource } from '../../engine/charts/chart-source';
import { type KubeObject } from '../../engine/k8s/object';
import { brand, hasBrand } from '../../model/brand';
import { DEFAULT_REVISION } from '../../model/injection-mode';
import { describeValue, dns1123LabelError } from '../../model/names';
import { istiodHelmValues } from '../../model/values/build';
import { DEFAULT_NAMESPACE, ISTIO_VERSION } from '../../model/values/version';
import { DEFAULT_TAG } from './default-tag';
import { IstioBase } from './istio-base';
import { Istiod } from './istiod';
import { addApiObjects, type ChartRenderProps, type ChartRequest, renderTemplatesOrRecord } from './rendered-chart';

/** The istiod chart's templates of a revision tag: its injection webhooks and its Service. */
export const REVISION_TAG_TEMPLATES: readonly string[] = ['templates/revision-tags-mwc.yaml', 'templates/revision-tags-svc.yaml'];

export interface RevisionTagProps extends ChartRenderProps {
  /** The tag: namespaces select it with `InjectionMode.revision('<name>')`. `default` also serves `istio-injection=enabled`. */
  readonly name: string;
  /**
   * The revision the tag points at: an Istiod of this app (its chart, version and values render the tag, so the
   * tag's webhook matches that injector), or the name of a revision (`default` for an Istiod without revision).
   * A name is looked up among the app's Istiods first; one that is installed elsewhere needs `external: true`.
   */
  readonly revision: Istiod | string;
  /**
   * The revision's istiod is installed outside this app: the tag is rendered from the chart props of this
   * construct (`sources`, `version`, `namespace`, `releaseName`), with the chart's defaults.
   * @default false - the revision must be an Istiod of this app
   */
  readonly external?: boolean;
}

/**
 * A revision tag (`istioctl tag set`, as GitOps objects): a stable name such as `prod` that namespaces use instead
 * of a revision, so an upgrade moves the tag in one commit instead of relabeling every namespace. Emits exactly the
 * objects the target revision's istiod chart renders for the tag (`revisionTags=[<name>]`): a
 * MutatingWebhookConfiguration and a Service. A tag named `default` also points IstioBase's default validator at
 * the revision (`values.defaultRevision`), whatever the order the two are constructed in.
 */
export class RevisionTag extends Construct {
  /** Whether `x` is a RevisionTag, also one from another copy of this library. */
  public static isRevisionTag(x: unknown): x is RevisionTag {
    return hasBrand(x, 'RevisionTag');
  }

  static {
    brand(RevisionTag, 'RevisionTag');
  }

  /** The tag name. */
  public readonly name: string;
  /** The revision the tag points at (`default` for an Istiod without revision). */
  public readonly revision: string;
  /** The Istiod of this app the tag points at, when there is one at construction. */
  public readonly istiod: Istiod | undefined;
  /** Whether the revision is declared to be installed outside the app. */
  public readonly external: boolean;
  /** Namespace of the target revision's istiod (the tag's Service lives there). */
  public readonly namespace: string;
  /** Istio release of the target revision (the Istiod's `version`, else the `version` prop). */
  public readonly version: string;
  private readonly rendered: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: RevisionTagProps) {
    super(scope, id);
    // The tag's webhook injects the pods of its namespaces: it must be in place before they are created, like istiod's own.
    Stage.assign(this, Stage.controlPlane());
    props = props ?? {}; // plain JavaScript callers: missing props become validation errors
    this.name = props.name;
    this.external = props.external === true;
    const target = props.revision;
    this.istiod = Istiod.isIstiod(target) ? target : typeof target === 'string' ? istiodOf(this, target) : undefined;
    this.revision = this.istiod ? (this.istiod.revision ?? DEFAULT_REVISION) : String(target);
    this.namespace = this.istiod?.namespace ?? props.namespace ?? DEFAULT_NAMESPACE;
    this.version = this.istiod?.version ?? props.version ?? ISTIO_VERSION;
    const errors = this.inputErrors(props);
    const request = this.chartRequest(props);
    // A name with no Istiod of the app that is not external is an app error (appProblems): nothing to render from.
    const rendered =
      errors.length > 0 || (!this.istiod && !this.external)
        ? []
        : renderTemplatesOrRecord({ ...request, sources: request.sources ?? ChartSource.defaults() }, errors)
            .filter((r) => REVISION_TAG_TEMPLATES.includes(r.template))
            .map((r) => r.object);
    addApiObjects(this, rendered, errors);
    this.rendered = rendered;
    this.node.addValidation({ validate: () => [...errors, ...this.appProblems(target)] });
    if (this.name === DEFAULT_TAG && errors.length === 0) {
      for (const base of findInApp(this, IstioBase.isIstioBase)) base.followDefaultTag();
    }
  }

  /** Copies of the tag's objects (the webhook configuration and the Service), in helm's order. */
  public objects(): KubeObject[] {
    return structuredClone([...this.rendered]);
  }

  /** The istiod chart of the target revision, with the tag added to its values. */
  private chartRequest(props: RevisionTagProps): ChartRequest {
    if (this.istiod) {
      // The Istiod's own values, so the tag's webhook matches its injector; its value checks already ran there.
      const { userValues: _checkedByIstiod, ...request } = this.istiod.chartRequest;
      return { ...request, values: { ...request.values, revisionTags: [this.name] } };
    }
    const revision = this.revision === DEFAULT_REVISION ? undefined : this.revision;
    const values = istiodHelmValues({ namespace: this.namespace, revision, version: this.version });
    return {
      chart: 'istiod',
      version: this.version,
      sources: props.sources,
      release: props.releaseName ?? 'istiod',
      namespace: this.namespace,
      values: { ...values, revisionTags: [this.name] },
      cacheDir: props.renderCacheDir,
      renderTimeout: props.renderTimeout,
    };
  }

  /** Problems of the props alone (they stop the render). */
  private inputErrors(props: RevisionTagProps): string[] {
    const errors: string[] = [];
    const nameError = dns1123LabelError(this.name, 'revision tag name');
    if (nameError) errors.push(nameError);
    const target = props.revision;
    if (!Istiod.isIstiod(target)) {
      const revisionError = dns1123LabelError(target, 'revision');
      if (revisionError) errors.push(`${revisionError}; pass an Istiod of this app or the name of a revision`);
    }
    if (this.istiod) {
      const given = (['version', 'sources', 'releaseName'] as const).filter((k) => props[k] !== undefined);
      if (given.length > 0) {
        errors.push(
          `${given.join(', ')} apply to a revision installed elsewhere; this tag points at the Istiod at ` +
            `${this.istiod.node.path}, whose chart renders it: remove them`,
        );
      }
      if (props.namespace !== undefined && props.namespace !== this.istiod.namespace) {
        errors.push(
          `namespace ${describeValue(props.namespace)} differs from the namespace of the Istiod at ${this.istiod.node.path} ` +
            `('${this.istiod.namespace}'), where the tag's Service must select istiod: remove namespace`,
        );
      }
    }
    return errors;
  }

  /** Problems that depend on the whole app: one owner per tag, a revision that exists, no overlapping webhooks. */
  private appProblems(target: Istiod | string): string[] {
    const errors: string[] = [];
    const first = findInApp(this, RevisionTag.isRevisionTag).find((t) => t.name === this.name);
    if (first && first !== this) {
      errors.push(`revision tag '${this.name}' is already declared by ${first.node.path}: declare each tag once, then move it`);
    }
    const istiods = findInApp(this, Istiod.isIstiod);
    const late = typeof target === 'string' && !this.istiod ? istiods.find((i) => (i.revision ?? DEFAULT_REVISION) === target) : undefined;
    if (late) {
      errors.push(
        `revision '${target}' is the Istiod at ${late.node.path}, constructed after this tag, so the tag could not use ` +
          'its values: pass the Istiod itself as revision, or construct it before the tag',
      );
    } else if (!this.istiod && !this.external && typeof target === 'string' && !dns1123LabelError(target, 'revision')) {
      const known = istiods.map((i) => i.revision ?? DEFAULT_REVISION).sort();
      const here = known.length > 0 ? `istiod revisions in this app: ${known.join(', ')}` : 'this app has no istiod';
      errors.push(
        `revision tag '${this.name}' points at revision '${target}', which has no istiod in this app (${here}): point it at ` +
          `an Istiod of the app, or declare the revision external with { external: true }`,
      );
    }
    for (const istiod of istiods) errors.push(...this.clashWith(istiod));
    return errors;
  }

  private clashWith(istiod: Istiod): string[] {
    const path = istiod.node.path;
    const errors: string[] = [];
    if (istiod.revision === this.name) {
      errors.push(`revision tag '${this.name}' has the name of the revision of the Istiod at ${path}: a tag needs a name of its own`);
    }
    const ownTags = istiod.values.revisionTags;
    if (Array.isArray(ownTags) && ownTags.includes(this.name)) {
      errors.push(`revision tag '${this.name}' is also rendered by the Istiod at ${path} (values.revisionTags): declare it once`);
    }
    if (this.name === DEFAULT_TAG && istiod.revision === undefined) {
      errors.push(
        `the Istiod at ${path} has no revision, so its webhook serves the default selectors that the 'default' tag ` +
          'also serves (pods would be injected twice): give that Istiod a revision, or remove the tag',
      );
    }
    return errors;
  }
}

/** The Istiod of the app with this revision (`default`: the one without), when it is already constructed. */
function istiodOf(scope: Construct, revision: string): Istiod | undefined {
  return findInApp(scope, Istiod.isIstiod).find((i) => (i.revision ?? DEFAULT_REVISION) === revision);
}
