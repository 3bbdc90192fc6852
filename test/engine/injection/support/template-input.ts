import { type TemplateInput } from '../../../../src/engine/injection/context';

/** What a template sees for a Deployment `web` in namespace `shop` with one app container, plus `overrides`. */
export function templateInput(overrides: Partial<TemplateInput> = {}): TemplateInput {
  return {
    values: {},
    mesh: {},
    proxyConfig: {},
    meta: { name: 'web-1' },
    spec: { containers: [{ name: 'app' }] },
    annotations: {},
    labels: { app: 'web' },
    typeMeta: { apiVersion: 'apps/v1', kind: 'Deployment' },
    deployMeta: { name: 'web', namespace: 'shop' },
    revision: '',
    nativeSidecars: false,
    proxyImage: 'docker.io/istio/proxyv2:1.30.3',
    proxyUid: 1337,
    proxyGid: 1337,
    inboundTrafficPolicyMode: 'passthrough',
    ...overrides,
  };
}
