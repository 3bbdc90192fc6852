import { type Chart } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { isGatewayRelease } from '../core/gateway';
import { type OutputLayout } from '../core/output-layout';
import { type OutputPlan, type PlannedObject } from '../core/output-plan';
import { Stage } from '../core/stage';
import { UserError } from '../errors';
import { classifyStage } from './classify-stage';
import { type SynthObject } from './collect';
import { isDeliveryObject, joinPath } from './layout';

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
  /** Ends every file name, e.g. `.k8s.yaml` (the App's `outputFileExtension`). */
  readonly fileExtension: string;
}

/** Names kustomize reads as its own configuration: a chart file must not take one where kustomizations are written. */
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml'];

/** Assigns each object a stage (explicit `Stage.assign` first, then the classifier) and a file. */
export function planOutput(objects: readonly SynthObject[], options: PlanOptions): OutputPlan {
  const controlPlane = new Set(options.controlPlane.constructs);
  const fileNames = chartFileNames(
    objects.map((o) => o.chart),
    options,
  );
  const planned = objects.map((o): PlannedObject & SynthObject => {
    const stage = isDeliveryObject(o.object)
      ? undefined
      : (Stage.assignedTo(o.apiObject) ??
        classifyStage(o.object, {
          controlPlaneNamespaces: options.controlPlane.namespaces,
          fromControlPlane: o.apiObject.node.scopes.some((s) => controlPlane.has(s)),
          fromGateway: o.apiObject.node.scopes.some(isGatewayRelease),
        }));
    const file = joinPath(options.layout.folderOf(stage), fileNames.get(o.chart) ?? '');
    return { ...o, stage, file };
  });
  return { layout: options.layout, syncWaves: options.syncWaves, objects: planned };
}

/** File names: the chart id, or its path joined with '-' for nested charts, plus the extension; clashes are errors. */
function chartFileNames(charts: readonly Chart[], options: PlanOptions): Map<Chart, string> {
  const out = new Map<Chart, string>();
  const owner = new Map<string, Chart>();
  for (const chart of charts) {
    if (out.has(chart)) continue;
    const name = `${chart.node.scopes
      .slice(1)
      .map((s) => s.node.id)
      .join('-')}${options.fileExtension}`;
    const clash = owner.get(name);
    if (clash) {
      throw new UserError(`charts ${clash.node.path} and ${chart.node.path} would both write ${name}: rename one of them`);
    }
    if (options.layout.kustomization && KUSTOMIZATION_FILES.includes(name)) {
      throw new UserError(
        `chart ${chart.node.path} would write ${name}, the file name of the generated kustomizations: rename the chart or change outputFileExtension`,
      );
    }
    owner.set(name, chart);
    out.set(chart, name);
  }
  return out;
}
