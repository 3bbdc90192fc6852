import { type Chart } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { apiGroup, type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';
import { type SynthObject } from './collect';
import { isDeliveryObject, joinPath, type OutputLayout } from './layout';
import { classifyStage, Stage } from './stage';

/** A synthesized object with its stage and output file. */
export interface PlannedObject extends SynthObject {
  /** The apply stage; undefined for Argo CD and Flux objects, which deliver the stages. */
  readonly stage: Stage | undefined;
  /** File relative to the output folder, `/`-separated. */
  readonly file: string;
}

/** Every object the app writes, with its stage and file: what GitOps constructs describe. */
export interface OutputPlan {
  readonly layout: OutputLayout;
  /** Whether objects carry Argo CD sync-wave annotations. */
  readonly syncWaves: boolean;
  readonly objects: readonly PlannedObject[];
}

/** The control plane as the classifier sees it. */
export interface ControlPlaneInfo {
  /** Constructs whose objects belong to the control plane stage (IstioBase, Istiod). */
  readonly constructs: readonly IConstruct[];
  /** Namespaces the control plane runs in. */
  readonly namespaces: ReadonlySet<string>;
}

export interface PlanOptions {
  readonly layout: OutputLayout;
  readonly syncWaves: boolean;
  readonly controlPlane: ControlPlaneInfo;
}

/** Assigns each object a stage (explicit `Stage.assign` first, then the classifier) and a file. */
export function planOutput(objects: readonly SynthObject[], options: PlanOptions): OutputPlan {
  const controlPlane = new Set(options.controlPlane.constructs);
  const fileNames = chartFileNames(objects.map((o) => o.chart));
  const planned = objects.map((o): PlannedObject => {
    const stage = isDeliveryObject(o.object)
      ? undefined
      : (Stage.assignedTo(o.apiObject) ??
        classifyStage(o.object, {
          controlPlaneNamespaces: options.controlPlane.namespaces,
          fromControlPlane: o.apiObject.node.scopes.some((s) => controlPlane.has(s)),
        }));
    const file = joinPath(options.layout.folderOf(stage), `${fileNames.get(o.chart)}.k8s.yaml`);
    return { ...o, stage, file };
  });
  return { layout: options.layout, syncWaves: options.syncWaves, objects: planned };
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

/** Plain code-unit comparison: the same order in every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File base names: the chart id, or its path joined with '-' for nested charts; clashes are errors. */
function chartFileNames(charts: readonly Chart[]): Map<Chart, string> {
  const out = new Map<Chart, string>();
  const owner = new Map<string, Chart>();
  for (const chart of charts) {
    if (out.has(chart)) continue;
    const name = chart.node.scopes
      .slice(1)
      .map((s) => s.node.id)
      .join('-');
    const clash = owner.get(name);
    if (clash) {
      throw new UserError(`charts ${clash.node.path} and ${chart.node.path} would both write ${name}.k8s.yaml: rename one of them`);
    }
    owner.set(name, chart);
    out.set(chart, name);
  }
  return out;
}

/**
 * A construct that emits objects describing the output itself (Argo CD Applications for the stage folders).
 * MeshApp.synth calls `describeOutput` with the plan of every other object, then collects again.
 * It must replace, not add to, what an earlier call emitted, so synth can run twice.
 */
export interface IOutputDescriber extends IConstruct {
  describeOutput(plan: OutputPlan): void;
}

export function isOutputDescriber(c: IConstruct): c is IOutputDescriber {
  return typeof (c as Partial<IOutputDescriber>).describeOutput === 'function';
}
