/** Which templates a pod uses (inject.istio.io/templates), and their overlays: built-in or from values. */
import { BUILTIN_TEMPLATES } from './builtin';
import { type TemplateInput } from './context';
import { renderCustomTemplate } from './custom-template';
import { InjectionError } from './errors';
import { type PreparedSettings } from './prepared';
import { type Tree } from './tree';

const TEMPLATES_ANNOTATION = 'inject.istio.io/templates';
/** Built-in templates for gateway deployments, which this offline injector does not render. */
const UNSUPPORTED = ['waypoint', 'kube-gateway', 'agentgateway'];

export function selectTemplates(annotations: Record<string, string>): string[] {
  const chosen = annotations[TEMPLATES_ANNOTATION];
  return chosen === undefined ? ['sidecar'] : chosen.split(',').map((n) => n.trim());
}

/** The overlay of each selected template, in order. */
export function renderTemplates(input: TemplateInput, prepared: PreparedSettings): Tree[] {
  return selectTemplates(input.annotations).map((name) => {
    const custom = prepared.customTemplate(name);
    if (custom !== undefined) return renderCustomTemplate(custom, input);
    const builtin = BUILTIN_TEMPLATES[name];
    if (builtin) return builtin(input);
    if (UNSUPPORTED.includes(name)) {
      throw new InjectionError(
        `template "${name}" renders gateway deployments and is not supported by offline injection; use the sidecar, gateway, grpc-simple or grpc-agent template`,
      );
    }
    const known = [...new Set([...Object.keys(BUILTIN_TEMPLATES), ...UNSUPPORTED, ...prepared.customTemplateNames])].sort();
    throw new InjectionError(`requested template "${name}" not found; have ${known.join(', ')}`);
  });
}
