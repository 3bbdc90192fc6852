// What tests of constructs read back from an app: the validation errors, and one object found by kind and name.
import { type App, type Chart } from 'cdk8s';
import { type KubeObject } from '../../src/engine/k8s/object';

/** The validation errors of every construct of the app, in tree order. */
export function validationErrors(app: App): string[] {
  return app.node.findAll().flatMap((c) => c.node.validate());
}

/** The chart's object of `kind` named `name`; throws when there is none. */
export function findInChart(chart: Chart, kind: string, name: string): KubeObject {
  const found = (chart.toJson() as KubeObject[]).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the chart`);
  return found;
}
