import { isRecord } from '../../k8s/object';

/**
 * Turns a CRD's openAPIV3Schema (Kubernetes' structural dialect) into plain JSON Schema for ajv:
 * - `x-kubernetes-int-or-string` without its own alternatives accepts an integer or a string;
 * - an object with `properties` and without `x-kubernetes-preserve-unknown-fields` rejects unknown
 *   fields (the API server prunes them and strict field validation refuses them, so they are mistakes);
 * - the root accepts apiVersion, kind and metadata, which CRDs usually leave out, and any `status`
 *   (written by controllers, not by authors; skipping it also makes compiling cheaper).
 * The CEL rules (`x-kubernetes-validations`) are not evaluated.
 */
export function toJsonSchema(openApi: unknown): Record<string, unknown> {
  const root = transform(openApi);
  const properties = isRecord(root.properties) ? root.properties : {};
  return {
    ...root,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...properties,
      ...('status' in properties ? { status: {} } : {}),
    },
  };
}

function transform(node: unknown): Record<string, unknown> {
  if (!isRecord(node)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue;
    if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transform(v)]));
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isRecord(value)) {
      out[key] = transform(value);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map(transform);
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && out.anyOf === undefined && out.type === undefined) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties !== undefined && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}
