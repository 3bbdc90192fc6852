import { type App, ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { type IConstruct } from 'constructs';
import { type KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';
import { oneLine } from '../model/printable';

/** A synthesized object with the construct it came from. */
export interface SynthObject {
  readonly object: KubeObject;
  /** Construct path of the ApiObject, for messages. */
  readonly constructPath: string;
  /** The ApiObject that produced it. */
  readonly apiObject: ApiObject;
  /** The chart (one output concern) the object belongs to. */
  readonly chart: Chart;
}

/** Runs every construct's validations and reports all errors at once, each with its construct path. */
export function validateApp(app: App): void {
  const errors: string[] = [];
  for (const construct of app.node.findAll()) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
  }
  if (errors.length === 0) return;
  // One line per failure, whatever the props held (line breaks, megabytes); a runaway count is cut, not printed whole.
  const shown = errors.slice(0, MAX_REPORTED).map((e) => oneLine(e));
  const more = errors.length > MAX_REPORTED ? `\n  ... and ${errors.length - MAX_REPORTED} more: fix the ones above and synth again` : '';
  throw new UserError(`synth failed: ${errors.length} invalid input${errors.length === 1 ? '' : 's'}:\n  ${shown.join('\n  ')}${more}`);
}

/** Failures listed in one synth report. */
const MAX_REPORTED = 100;

/**
 * Resolves every chart's objects (cdk8s's own toJson, so lazy values and JSON patches apply), in chart order.
 * Chart.toJson() resolves the dependencies and runs every validation of the whole app on each call: only the
 * first chart goes through it (once per app, not charts x constructs); the others resolve their ApiObjects
 * directly, in the same order toJson uses.
 */
export function collectObjects(app: App): SynthObject[] {
  const charts = app.charts;
  const first = charts.length > 0 ? (charts[0].toJson() as KubeObject[]) : [];
  return charts.flatMap((chart, i) => collectChart(chart, i === 0 ? first : undefined));
}

function collectChart(chart: Chart, json: KubeObject[] | undefined): SynthObject[] {
  // The chart's own ApiObjects in dependency order, as toJson lists them (the dependencies are resolved by now).
  const apiObjects = new DependencyGraph(chart.node)
    .topology()
    .filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
  const objects = json ?? apiObjects.map((o) => o.toJson() as KubeObject);
  if (apiObjects.length !== objects.length)
    throw new Error(`chart ${chart.node.path}: ${objects.length} objects but ${apiObjects.length} ApiObjects`);
  return objects.map((object, i) => ({ object, constructPath: apiObjects[i].node.path, apiObject: apiObjects[i], chart }));
}
