import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CONSTRUCT_METADATA_FILE, type IOutputDescriber, meshAppOf, type OutputPlan, type PlannedObject } from '../../core/output-plan';
import { Stage, SYNC_WAVE_ANNOTATION } from '../../core/stage';
import { apiGroup, isRecord, type KubeObject } from '../../engine/k8s/object';
import { dnsLabelErrors, meshAppErrors, pathErrors, repositoryPath } from './common';

/** Options of automated sync. */
export interface ArgoCdAutomatedSyncOptions {
  /** Delete objects that disappear from the output. @default true */
  readonly prune?: boolean;
  /** Revert changes made in the cluster by hand. @default true */
  readonly selfHeal?: boolean;
}

/** When Argo CD syncs the Applications. */
export class ArgoCdSync {
  /** Sync on every change in Git. */
  public static automated(options: ArgoCdAutomatedSyncOptions = {}): ArgoCdSync {
    return new ArgoCdSync({ prune: options.prune ?? true, selfHeal: options.selfHeal ?? true });
  }

  /** Sync only when someone asks (UI, CLI). */
  public static manual(): ArgoCdSync {
    return new ArgoCdSync(undefined);
  }

  private constructor(
    /** The `syncPolicy.automated` block; undefined for manual sync. */
    public readonly automated: { readonly prune: boolean; readonly selfHeal: boolean } | undefined,
  ) {}
}

export interface ArgoCdApplicationsProps {
  /** URL of the Git repository that holds the synthesized output, e.g. `https://github.com/acme/mesh.git`. */
  readonly repoUrl: string;
  /** Branch, tag or commit Argo CD follows. @default 'HEAD' */
  readonly targetRevision?: string;
  /**
   * Folder of the synthesized output inside the repository. Not derived from the app's outdir, which
   * differs between `npm run synth` and `cdk8s-istio check`.
   * @default 'dist'
   */
  readonly path?: string;
  /** Namespace of the Application objects: where Argo CD runs. @default 'argocd' */
  readonly namespace?: string;
  /** Argo CD project of the Applications. @default 'default' */
  readonly project?: string;
  /** Application names are `<namePrefix>-<stage>` (or just `<namePrefix>` for a file-per-chart output). @default 'mesh' */
  readonly namePrefix?: string;
  /** Cluster the output is applied to. @default 'https://kubernetes.default.svc' - the cluster Argo CD runs in */
  readonly destinationServer?: string;
  /**
   * Destination namespace. Every namespaced object of the output names its own namespace, so this only
   * matters to AppProject destination rules.
   * @default 'istio-system'
   */
  readonly destinationNamespace?: string;
  /** When to sync. @default ArgoCdSync.automated() - with prune and self-heal */
  readonly sync?: ArgoCdSync;
  /**
   * Apply with server-side apply: Istio's largest CRDs do not fit the annotation that client-side apply keeps.
   * @default true
   */
  readonly serverSideApply?: boolean;
  /** More sync options, added after the ones this construct sets. @default - none */
  readonly syncOptions?: readonly string[];
}

/** What istiod rewrites in its webhooks at run time: the CA bundle, and a failure policy of `Ignore` once it is ready. */
const CA_BUNDLE_FIELD = '.webhooks[]?.clientConfig.caBundle';
const FAILURE_POLICY_FIELD = '.webhooks[]?.failurePolicy';

/**
 * Argo CD Applications for the output of a MeshApp: one per stage folder (with
 * `OutputLayout.stageFolders()`, each carrying its stage's sync wave, for an app of apps), or one for the
 * whole output. Each ignores the fields istiod changes at run time in every webhook configuration it
 * deploys, found in the actual output at synth: the CA bundle, and the failure policy only where a webhook is
 * rendered `Ignore` (a staged app renders Istio's validation webhooks `Fail`, see gitOpsFailurePolicy).
 * The objects are written to `gitops/`.
 */
export class ArgoCdApplications extends Construct implements IOutputDescriber {
  private readonly props: ArgoCdApplicationsProps;
  private emitted: string[] = [];

  constructor(scope: Construct, id: string, props: ArgoCdApplicationsProps) {
    super(scope, id);
    this.props = props;
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  /** Called by MeshApp.synth with the plan of every other object. */
  public describeOutput(plan: OutputPlan): void {
    for (const id of this.emitted) this.node.tryRemoveChild(id);
    this.emitted = [];
    const base = repositoryPath(this.props.path ?? 'dist');
    const prefix = this.props.namePrefix ?? 'mesh';
    const objects = plan.objects.filter((o) => o.stage !== undefined);
    if (plan.layout.kind === 'stage-folders') {
      for (const stage of Stage.all()) {
        // By name: the plan's stages may come from another copy of this library.
        const inStage = objects.filter((o) => o.stage?.name === stage.name);
        if (inStage.length === 0) continue;
        this.emit(stage.name, `${prefix}-${stage.name}`, `${base}/${stage.folder}`, inStage, stage.wave);
      }
    } else {
      // The whole output folder: keep Argo CD from reading cdk8s's construct metadata as a manifest.
      const exclude = meshAppOf(this)?.recordsConstructMetadata ? CONSTRUCT_METADATA_FILE : undefined;
      this.emit('all', prefix, base, objects, undefined, exclude);
    }
  }

  private emit(
    id: string,
    name: string,
    path: string,
    objects: readonly PlannedObject[],
    wave: number | undefined,
    exclude?: string,
  ): void {
    const p = this.props;
    const sync = p.sync ?? ArgoCdSync.automated();
    const syncOptions = [
      'RespectIgnoreDifferences=true',
      ...((p.serverSideApply ?? true) ? ['ServerSideApply=true'] : []),
      ...(p.syncOptions ?? []),
    ];
    const ignoreDifferences = webhookConfigurations(objects).map((w: KubeObject) => ({
      group: 'admissionregistration.k8s.io',
      kind: w.kind,
      name: w.metadata.name,
      jqPathExpressions: [CA_BUNDLE_FIELD, ...(failsOpen(w) ? [FAILURE_POLICY_FIELD] : [])],
    }));
    new ApiObject(this, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name,
        namespace: p.namespace ?? 'argocd',
        ...(wave === undefined ? {} : { annotations: { [SYNC_WAVE_ANNOTATION]: String(wave) } }),
      },
      spec: {
        project: p.project ?? 'default',
        source: { repoURL: p.repoUrl, targetRevision: p.targetRevision ?? 'HEAD', path, ...(exclude ? { directory: { exclude } } : {}) },
        destination: {
          server: p.destinationServer ?? 'https://kubernetes.default.svc',
          namespace: p.destinationNamespace ?? 'istio-system',
        },
        syncPolicy: { ...(sync.automated ? { automated: { ...sync.automated } } : {}), syncOptions },
        ...(ignoreDifferences.length > 0 ? { ignoreDifferences } : {}),
      },
    });
    this.emitted.push(id);
  }

  private validateProps(): string[] {
    const p = this.props;
    const errors = meshAppErrors(this, 'argo cd applications', false);
    const root = meshAppOf(this);
    if (root && root.layout.kind === 'file-per-chart' && !root.syncWaves) {
      errors.push(
        'a single application applies the whole output at once, before istiod can inject or validate: ' +
          'set syncWaves: true on the MeshApp, or use layout: OutputLayout.stageFolders()',
      );
    }
    if (!p.repoUrl.trim()) errors.push("repoUrl '' is empty: set the URL of the Git repository that holds the output");
    errors.push(...pathErrors(p.path ?? 'dist'));
    errors.push(...dnsLabelErrors({ namespace: p.namespace, namePrefix: p.namePrefix, destinationNamespace: p.destinationNamespace }));
    return errors;
  }
}

/** The webhook configurations among `objects`, sorted by kind and name. */
export function webhookConfigurations(objects: readonly { readonly object: KubeObject }[]): KubeObject[] {
  return objects
    .map((o) => o.object)
    .filter(
      (o) =>
        apiGroup(o.apiVersion) === 'admissionregistration.k8s.io' &&
        (o.kind === 'MutatingWebhookConfiguration' || o.kind === 'ValidatingWebhookConfiguration'),
    )
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** Whether a webhook of `configuration` is rendered `failurePolicy: Ignore`, which istiod flips to `Fail` when ready. */
function failsOpen(configuration: KubeObject): boolean {
  const webhooks: unknown = configuration.webhooks;
  return Array.isArray(webhooks) && webhooks.some((w) => isRecord(w) && w.failurePolicy === 'Ignore');
}

/** Plain code-unit comparison: the same order in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
