import { App, type AppProps } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { withCompleteTree } from '../core/app-index';
import { applySynthTransforms, synthTransforms } from '../core/synth-transform';
import { describeWarning, synthWarnings } from '../core/warnings';
import { OutputLayout } from '../core/output-layout';
import {
  brandMeshApp,
  CONSTRUCT_METADATA_FILE,
  type IMeshAppOutput,
  isMeshApp,
  isOutputDescriber,
  type OutputPlan,
} from '../core/output-plan';
import { meshProfileErrors } from '../core/mesh-profile';
import { recoverOutput, writeOutput } from '../engine/output/writer';
import { type IstioProfileName } from '../model/values/base-values';
import { type IstioPlatform } from '../model/values/platform';
import { checkAmbient } from './ambient';
import { type MeshAnalysisOptions, runSynthChecks } from './checks';
import { checkAppProps, constructMetadataJson, recordsConstructMetadata } from './app-props';
import { collectObjects, type SynthObject, validateApp } from './collect';
import { checkControlPlaneNamespaces, controlPlaneInfo, releaseNamespaceOwners } from './control-plane';
import { renderFiles } from './layout';
import { rollWorkloads } from './roll-workloads';
import { addExplicitDivisors, normalizeNamespaces, withSyncWave } from './normalize';
import { type ControlPlaneInfo, planOutput } from './plan';

export interface MeshAppProps extends AppProps {
  /**
   * How objects are arranged into files.
   * @default OutputLayout.filePerChart() - one `<chart>.k8s.yaml` per chart (`outputFileExtension`) at the top of the output folder
   */
  readonly layout?: OutputLayout;
  /**
   * Annotate every object with `argocd.argoproj.io/sync-wave` from its stage (crds 0, control-plane 10,
   * namespaces 20, workloads 30, policies 40), so one Argo CD Application applies them in a working order.
   * An object that already has the annotation keeps it.
   * @default false - no annotations; order comes from the stage folders or from the object order
   */
  readonly syncWaves?: boolean;
  /**
   * Mesh analysis of the synthesized objects (the rules of `cdk8s-istio analyze`, with construct paths):
   * findings at or above `failureThreshold` fail the synth before anything is written; lower ones go to stderr.
   * @default - threshold 'error', root namespace 'istio-system'
   */
  readonly analysis?: MeshAnalysisOptions;
  /**
   * Roll the workloads whose sidecar would change: every Deployment, StatefulSet and DaemonSet that an injection
   * webhook of the app selects gets the pod-template annotation `mesh.cdk8s-istio.dev/proxy-revision`
   * (`revision=<rev> version=<istio version>`), which changes exactly when the revision that injects it does (a tag
   * moved, a namespace relabeled, a version bumped), so the GitOps apply restarts those pods. A pod template that
   * sets the annotation itself keeps its own value (per-workload opt-out). See docs/upgrades.md, "Rolling workloads".
   * @default true
   */
  readonly rollWorkloads?: boolean;
  /**
   * The Istio profile of the whole app: IstioBase, Istiod, IstioCni and Ztunnel apply it unless their values set
   * it (a different value there is a synth error). `'ambient'` installs an ambient mesh (docs/ambient.md).
   * @default - none: each chart's own `values.profile`, which must then agree across the app's charts
   */
  readonly profile?: IstioProfileName;
  /**
   * The Kubernetes platform of the whole app (`global.platform` of every Istio chart), for the platform's CNI
   * folders and permissions. Leave it unset for EKS, AKS and other clusters with standard paths.
   * @default - none: each chart's own `values.global.platform`, which must then agree across the app's charts
   */
  readonly platform?: IstioPlatform;
}

/**
 * A cdk8s App whose synth validates everything first (all errors at once, with construct paths),
 * places every object in its stage and file, and then replaces the output folder whole, or not at all.
 * The output is byte-identical across runs, machines, time zones and locales.
 * Of cdk8s's `AppProps` it honours `outdir`, `outputFileExtension` (a `.yaml`/`.yml` ending), `resolvers` and
 * `recordConstructMetadata`; `yamlOutputType` other than FILE_PER_CHART is an error (use `layout`).
 */
export class MeshApp extends App implements IMeshAppOutput {
  /** Whether `x` is a MeshApp, also one from another copy of this library. */
  public static isMeshApp(x: unknown): x is MeshApp {
    return isMeshApp(x);
  }

  static {
    brandMeshApp(MeshApp);
  }

  /** How objects are arranged into files. */
  public readonly layout: OutputLayout;
  /** Whether objects carry Argo CD sync-wave annotations. */
  public readonly syncWaves: boolean;
  /** Mesh analysis settings. */
  public readonly analysis: MeshAnalysisOptions;
  /** Whether the output holds cdk8s's `construct-metadata.json` (`recordConstructMetadata`). */
  public readonly recordsConstructMetadata: boolean;
  /** Whether webhook-injected workloads carry the proxy-revision annotation (`rollWorkloads`). */
  public readonly rollWorkloads: boolean;
  /** The Istio profile every chart construct applies; undefined when each decides (they must agree). */
  public readonly profile: IstioProfileName | undefined;
  /** The platform every chart construct applies; undefined when each decides (they must agree). */
  public readonly platform: IstioPlatform | undefined;

  constructor(props: MeshAppProps = {}) {
    checkAppProps(props);
    super(props);
    this.layout = props.layout ?? OutputLayout.filePerChart();
    this.syncWaves = props.syncWaves ?? false;
    this.analysis = props.analysis ?? {};
    this.recordsConstructMetadata = recordsConstructMetadata(props);
    this.rollWorkloads = props.rollWorkloads ?? true;
    this.profile = props.profile;
    this.platform = props.platform;
    const profileErrors = meshProfileErrors(props.profile, props.platform);
    this.node.addValidation({ validate: () => profileErrors });
  }

  /**
   * Replaces the output folder whole, or leaves it as it was: see docs/gitops.md, "What synth writes and deletes".
   * A folder holding anything synth did not write is refused, not replaced.
   */
  public synth(): void {
    // Repair an interrupted earlier synth first, so even a synth that fails validation leaves a complete output.
    recoverOutput(this.outdir);
    writeOutput(this.outdir, this.synthFiles());
  }

  /** What synth writes (path relative to the output folder -> content), without writing it. */
  public synthFiles(): Map<string, string> {
    return withCompleteTree(this, (tree) => this.build(tree.all));
  }

  /**
   * The objects synth writes, as one YAML stream (the output's YAML files in order, without kustomization files),
   * after the same validation and checks as synth; cdk8s's own synthYaml would skip them.
   */
  public synthYaml(): string {
    return [...this.synthFiles()]
      .filter(([file]) => /\.ya?ml$/.test(file) && !/(^|\/)kustomization\.ya?ml$/.test(file))
      .map(([, text]) => text)
      .join('---\n');
  }

  private build(constructs: readonly IConstruct[]): Map<string, string> {
    validateApp(this);
    for (const warning of synthWarnings(constructs)) process.stderr.write(`${describeWarning(warning)}\n`);
    // Object transforms declared by constructs (pre-injection) apply to every collected object, once per collection.
    const transforms = synthTransforms(constructs);
    let objects = applySynthTransforms(collectObjects(this), transforms);
    const describers = constructs.filter(isOutputDescriber);
    const controlPlane = controlPlaneInfo(this);
    if (describers.length > 0) {
      normalizeNamespaces(objects);
      const draft = this.plan(objects, controlPlane);
      for (const describer of describers) describer.describeOutput(draft);
      objects = applySynthTransforms(collectObjects(this), transforms);
    }
    normalizeNamespaces(objects);
    if (this.rollWorkloads) objects = rollWorkloads(objects);
    checkControlPlaneNamespaces(objects, releaseNamespaceOwners(this));
    checkAmbient(this, objects);
    // Analysis checks over `objects` run here, before anything is placed or written.
    runSynthChecks(objects, this.analysis);
    const plan = this.plan(objects, controlPlane);
    const placed = plan.objects.map((o) => {
      addExplicitDivisors(o.object);
      const object = this.syncWaves && o.stage ? withSyncWave(o.object, o.stage.wave) : o.object;
      return { object, file: o.file };
    });
    const files = renderFiles(placed, this.layout.kustomization);
    if (this.recordsConstructMetadata) files.set(CONSTRUCT_METADATA_FILE, constructMetadataJson(plan.objects));
    return files;
  }

  private plan(objects: readonly SynthObject[], controlPlane: ControlPlaneInfo): OutputPlan {
    return planOutput(objects, {
      layout: this.layout,
      syncWaves: this.syncWaves,
      controlPlane,
      fileExtension: this.outputFileExtension,
    });
  }
}
