// Small CRDs of our own for the schema tests.
import { type KubeObject } from '../../../../src/engine/k8s/object';

/** A CRD for `example.istio.io/v1 Widget` (and an unserved v1alpha1) with typical structural-schema features. */
export const WIDGET_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.istio.io' },
  spec: {
    group: 'example.istio.io',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['mode'],
                properties: {
                  mode: { type: 'string', enum: ['ON', 'OFF'] },
                  port: { type: 'integer', format: 'int32', minimum: 0 },
                  target: { 'x-kubernetes-int-or-string': true },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  ports: { type: 'array', items: { type: 'object', properties: { number: { type: 'integer', format: 'int32' } } } },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                },
                'x-kubernetes-validations': [{ rule: 'self.mode != "OFF"', message: 'not evaluated' }],
              },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

export function widget(spec: Record<string, unknown>, apiVersion = 'example.istio.io/v1'): KubeObject {
  return { apiVersion, kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec };
}
