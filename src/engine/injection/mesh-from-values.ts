/**
 * The part of the mesh config that the istiod chart derives from its values (its `istio[-rev]` ConfigMap):
 * root namespace, discovery address, mesh ID, proxy image variant and tracer, with `values.meshConfig` merged
 * over them. Without it, `--set global.meshID=...` or a values file with `meshConfig:` would reach the chart
 * but not the injected sidecar.
 */
import { isRecord } from '../k8s/object';
import { mergeMessage, type Tree } from './tree';

export function meshOverlayFromValues(values: Tree): Tree {
  const global = record(values.global);
  const proxy = record(global.proxy);
  const meshConfig = record(values.meshConfig);
  const namespace = text(global.istioNamespace) || 'istio-system';
  const revision = text(values.revision);
  const defaultConfig: Tree = { discoveryAddress: `istiod${revision ? `-${revision}` : ''}.${namespace}.svc:15012` };
  if (text(global.meshID)) defaultConfig.meshId = text(global.meshID);
  const variant = text(proxy.variant) || text(global.variant);
  if (variant) defaultConfig.image = { imageType: variant };
  const tracer = text(proxy.tracer);
  if (tracer && tracer !== 'none') defaultConfig.tracing = tracing(tracer, record(global.tracer), namespace);
  const overlay: Tree = { rootNamespace: text(meshConfig.rootNamespace) || namespace, defaultConfig };
  return mergeMessage(overlay, meshConfig);
}

/** The tracer block the chart writes for `global.proxy.tracer`, with its defaults. */
function tracing(tracer: string, settings: Tree, namespace: string): Tree {
  const of = (name: string) => record(settings[name]);
  switch (tracer) {
    case 'zipkin':
      return { zipkin: { address: text(of('zipkin').address) || `zipkin.${namespace}:9411` } };
    case 'datadog':
      return { datadog: { address: text(of('datadog').address) || '$(HOST_IP):8126' } };
    case 'lightstep':
      return { lightstep: { address: of('lightstep').address, accessToken: of('lightstep').accessToken } };
    case 'stackdriver': {
      const sd = of('stackdriver');
      return {
        stackdriver: {
          debug: sd.debug ?? false,
          maxNumberOfAttributes: sd.maxNumberOfAttributes ?? 200,
          maxNumberOfAnnotations: sd.maxNumberOfAnnotations ?? 200,
          maxNumberOfMessageEvents: sd.maxNumberOfMessageEvents ?? 200,
        },
      };
    }
    default:
      return {};
  }
}

function record(value: unknown): Tree {
  return isRecord(value) ? value : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
