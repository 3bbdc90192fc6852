import { App, type AppProps } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { withCompleteTree } from '../constructs/app-index';
import { IstioBase } from '../constructs/control-plane/istio-base';
import { Istiod } from '../constructs/control-plane/istiod';
import { writeDirAtomically } from './atomic-write';
import { type MeshAnalysisOptions, runSynthChecks } from './checks';
import { collectObjects, type SynthObject, validateApp } from './collect';
import { OutputLayout, renderFiles } from './layout';
import { addExplicitDivisors, normalizeNamespaces, withSyncWave } from './normalize';
import { isOutputDescriber, type OutputPlan, planOutput } from './plan';

export interface MeshAppProps extends AppProps {
  /**
   * How objects are arranged into files.
   * @default OutputLayout.filePerChart() - one `<chart>.k8s.yaml` per chart at the top of the output folder
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
}

/**
 * A cdk8s App whose synth validates everything first (all errors at once, with construct paths),
 * places every object in its stage and file, and then replaces the output folder whole, or not at all.
 * The output is byte-identical across runs, machines, time zones and locales.
 */
export class MeshApp extends App {
  /** How objects are arranged into files. */
  public readonly layout: OutputLayout;
  /** Whether objects carry Argo CD sync-wave annotations. */
  public readonly syncWaves: boolean;
  /** Mesh analysis settings. */
  public readonly analysis: MeshAnalysisOptions;

  constructor(props: MeshAppProps = {}) {
    super(props);
    this.layout = props.layout ?? OutputLayout.filePerChart();
    this.syncWaves = props.syncWaves ?? false;
    this.analysis = props.analysis ?? {};
  }

  /** Writes the output folder atomically: a failed synth leaves it exactly as it was. */
  public synth(): void {
    writeDirAtomically(this.outdir, this.synthFiles());
  }

  /** What synth writes (path relative to the output folder -> content), without writing it. */
  public synthFiles(): Map<string, string> {
    return withCompleteTree(this, () => this.build());
  }

  private build(): Map<string, string> {
    validateApp(this);
    let objects = collectObjects(this);
    const describers = this.node.findAll().filter(isOutputDescriber);
    if (describers.length > 0) {
      normalizeNamespaces(objects);
      const draft = this.plan(objects);
      for (const describer of describers) describer.describeOutput(draft);
      objects = collectObjects(this);
    }
    normalizeNamespaces(objects);
    // Analysis checks over `objects` run here, before anything is placed or written.
    runSynthChecks(objects, this.analysis);
    const plan = this.plan(objects);
    const placed = plan.objects.map((o) => {
      addExplicitDivisors(o.object);
      const object = this.syncWaves && o.stage ? withSyncWave(o.object, o.stage.wave) : o.object;
      return { object, file: o.file };
    });
    return renderFiles(placed, this.layout.kustomization);
  }

  private plan(objects: readonly SynthObject[]): OutputPlan {
    const constructs = this.node
      .findAll()
      .filter((c: IConstruct): c is IstioBase | Istiod => c instanceof IstioBase || c instanceof Istiod);
    return planOutput(objects, {
      layout: this.layout,
      syncWaves: this.syncWaves,
      controlPlane: { constructs, namespaces: new Set(constructs.map((c) => c.namespace)) },
    });
  }
}
