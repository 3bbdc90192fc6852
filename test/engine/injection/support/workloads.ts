/** Small workloads for the injection unit tests, and lookups into injected results by name. */
import { buildInjectionSettings, injectObject, type InjectionOverrides } from '../../../../src/engine/injection';

export type Obj = Record<string, any>;

export function deployment(template: { annotations?: Obj; labels?: Obj; spec?: Obj } = {}, name = 'web'): Obj {
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
export function injectedTemplate(object: Obj, overrides: InjectionOverrides = {}): Obj {
  const result = injectObject(object, buildInjectionSettings(overrides)).object as Obj;
  return result.spec.template;
}

export function container(template: Obj, name: string): Obj | undefined {
  return [...(template.spec.initContainers ?? []), ...(template.spec.containers ?? [])].find((c: Obj) => c.name === name);
}

export function env(c: Obj | undefined, name: string): string | undefined {
  return c?.env?.find((e: Obj) => e.name === name)?.value;
}

export const names = (list: Obj[] | undefined): string[] => (list ?? []).map((x) => x.name);
