/** Small workloads for the injection unit tests, and lookups into injected results by name. */
import { buildInjectionSettings, injectObject, type InjectionOverrides } from '../../../../src/engine/injection';
import { at, type JsonObject, list } from '../../../support/json';

export type Obj = JsonObject;

export function deployment(template: { annotations?: Obj; labels?: Obj; spec?: Obj } = {}, name = 'web') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name, ...(template.labels ?? {}) },
          ...(template.annotations ? { annotations: template.annotations } : {}),
        },
        spec: template.spec ?? { containers: [{ name: 'app', image: 'example/app:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
  };
}

/** Injects with the chart defaults plus `overrides` and returns the pod template of the result. */
export function injectedTemplate(object: unknown, overrides: InjectionOverrides = {}): Obj {
  const template = at(injectObject(object, buildInjectionSettings(overrides)).object, 'spec', 'template');
  if (typeof template !== 'object' || template === null) throw new Error('the injected object has no spec.template');
  return template as Obj;
}

export function container(template: unknown, name: string): Obj | undefined {
  return [...list(template, 'spec', 'initContainers'), ...list(template, 'spec', 'containers')].find((c) => c.name === name);
}

/** A container's args; [] where it has none. */
export function args(c: unknown): string[] {
  const value = at(c, 'args');
  return Array.isArray(value) ? value.map(String) : [];
}

export function env(c: unknown, name: string): string | undefined {
  const value = list(c, 'env').find((e) => e.name === name)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The `name` of each item of a list (containers, volumes, env); [] where there is no list. */
export const names = (items: unknown): unknown[] => (Array.isArray(items) ? items : []).map((x) => at(x, 'name'));
