import { App, ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KubeObject } from '../engine/k8s/object';
import { UserError } from '../errors';

/** A synthesized object with the construct it came from. */
export interface SynthObject {
  readonly object: KubeObject;
  /** Construct path of the ApiObject, for messages. */
  readonly constructPath: string;
  /** The chart (one output concern) the object belongs to. */
  readonly chart: Chart;
}

/** Runs every construct's validations and reports all errors at once, each with its construct path. */
export function validateApp(app: App): void {
  const errors: string[] = [];
  for (const construct of app.node.findAll()) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
  }
  if (errors.length > 0) {
    throw new UserError(`synth failed: ${errors.length} invalid input${errors.length === 1 ? '' : 's'}:\n  ${errors.join('\n  ')}`);
  }
}

/** Resolves every chart's objects (cdk8s's own toJson, so lazy values and JSON patches apply). */
export function collectObjects(app: App): SynthObject[] {
  const out: SynthObject[] = [];
  for (const chart of app.charts) {
    const apiObjects = chart.node.findAll().filter((c: IConstruct): c is ApiObject => c instanceof ApiObject);
    const json = chart.toJson() as KubeObject[];
    // toJson returns the chart's ApiObjects in dependency order; map them back to paths by identity of name/kind.
    const pathOf = new Map(apiObjects.map((o) => [key(o.kind, o.metadata.namespace, o.name), o.node.path]));
    for (const object of json) {
      out.push({ object, constructPath: pathOf.get(key(object.kind, object.metadata.namespace, object.metadata.name)) ?? chart.node.path, chart });
    }
  }
  return out;
}

function key(kind: string, namespace: string | undefined, name: string | undefined): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name ?? ''}`;
}
