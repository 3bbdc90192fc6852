/** What injection derives from a settings object, computed once per settings object and cached. */
import { type Template } from '../gotemplate';
import { isRecord } from '../k8s/object';
import { parseCustomTemplate } from './custom-template';
import { type InjectionSettings } from './settings';
import { goString, lookup, type Tree, truthy } from './tree';

export interface PreparedSettings {
  readonly values: Tree;
  readonly mesh: Tree;
  readonly revision: string;
  readonly nativeSidecars: boolean;
  readonly clusterName: string;
  readonly network: string;
  readonly rewriteProbes: boolean;
  readonly holdApplication: boolean;
  /** `sidecarInjectorWebhook.neverInjectSelector`: label selectors of pods that get no sidecar by default. */
  readonly neverInjectSelectors: readonly unknown[];
  /** Names of the templates from `sidecarInjectorWebhook.templates` (they replace built-ins of the same name). */
  readonly customTemplateNames: readonly string[];
  /** A template from values, parsed on first use; undefined when values have none of that name. */
  customTemplate(name: string): Template | undefined;
  proxyImage(annotations: Record<string, string>, proxyConfig: Tree): string;
}

const cache = new WeakMap<InjectionSettings, PreparedSettings>();

export function prepare(settings: InjectionSettings): PreparedSettings {
  let prepared = cache.get(settings);
  if (!prepared) {
    prepared = build(settings);
    cache.set(settings, prepared);
  }
  return prepared;
}

const KNOWN_IMAGE_TYPES = ['distroless', 'debug'];

function build(settings: InjectionSettings): PreparedSettings {
  const values = settings.values as Tree;
  const text = (path: string): string => {
    const v = lookup(values, path);
    return v === undefined || v === null ? '' : goString(v);
  };
  const hub = text('global.hub');
  const tag = text('global.tag');
  const imageName = text('global.proxy.image') || 'proxyv2';
  const variant = text('global.variant');
  const templates = lookup(values, 'sidecarInjectorWebhook.templates');
  const sources = new Map<string, string>();
  if (isRecord(templates)) for (const [k, v] of Object.entries(templates)) if (typeof v === 'string') sources.set(k, v);
  const parsed = new Map<string, Template>();
  return {
    values,
    mesh: settings.meshConfig as Tree,
    revision: settings.revision ?? '',
    nativeSidecars: settings.nativeSidecars,
    clusterName: text('global.multiCluster.clusterName'),
    network: text('global.network'),
    rewriteProbes: lookup(values, 'sidecarInjectorWebhook.rewriteAppHTTPProbe') === true,
    holdApplication: truthy(lookup(values, 'global.proxy.holdApplicationUntilProxyStarts')),
    neverInjectSelectors: listOf(lookup(values, 'sidecarInjectorWebhook.neverInjectSelector')),
    customTemplateNames: [...sources.keys()],
    customTemplate(name) {
      const source = sources.get(name);
      if (source === undefined) return undefined;
      let template = parsed.get(name);
      if (!template) {
        template = parseCustomTemplate(name, source);
        parsed.set(name, template);
      }
      return template;
    },
    proxyImage(annotations, proxyConfig) {
      let imageType = variant;
      if (isRecord(proxyConfig.image)) imageType = typeof proxyConfig.image.imageType === 'string' ? proxyConfig.image.imageType : '';
      if (annotations['sidecar.istio.io/proxyImageType'] !== undefined) imageType = annotations['sidecar.istio.io/proxyImageType'];
      return `${hub}/${imageName}:${tagWithType(tag, imageType)}`;
    },
  };
}

function listOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The tag with the image type suffix (`-distroless`, `-debug`) set, replaced, or removed for `default`. */
function tagWithType(tag: string, imageType: string): string {
  if (imageType === '') return tag;
  let base = tag;
  for (const known of KNOWN_IMAGE_TYPES) {
    if (base.endsWith(`-${known}`)) {
      base = base.slice(0, -(known.length + 1));
      break;
    }
  }
  return imageType === 'default' ? base : `${base}-${imageType}`;
}
