import { reorderContainers, statusValue } from '../../../src/engine/injection/status';
import { deployment, injectedTemplate, names } from './support/workloads';

describe('injection status', () => {
  it('lists what the templates added, with null for empty lists', () => {
    const templatePod = { spec: { initContainers: [{ name: 'istio-init' }], volumes: [{ name: 'v' }] } };
    expect(JSON.parse(statusValue(templatePod, ''))).toEqual({
      initContainers: ['istio-init'],
      containers: null,
      volumes: ['v'],
      imagePullSecrets: null,
      revision: 'default',
    });
  });

  it('records the revision', () => {
    expect(JSON.parse(statusValue({}, 'canary')).revision).toBe('canary');
  });

  it("orders native sidecars: istio-init, istio-proxy, then the pod's own init containers", () => {
    const spec = { containers: [], initContainers: [{ name: 'setup' }, { name: 'istio-init' }, { name: 'istio-proxy' }] };
    reorderContainers(spec, false);
    expect(names(spec.initContainers)).toEqual(['istio-init', 'istio-proxy', 'setup']);
  });

  it('puts istio-proxy last among containers, or first when the app waits for it', () => {
    const spec = { containers: [{ name: 'istio-proxy' }, { name: 'app' }], initContainers: [{ name: 'istio-init' }, { name: 'setup' }] };
    reorderContainers(spec, false);
    expect(names(spec.containers)).toEqual(['app', 'istio-proxy']);
    expect(names(spec.initContainers)).toEqual(['setup', 'istio-init']);
    reorderContainers(spec, true);
    expect(names(spec.containers)).toEqual(['istio-proxy', 'app']);
  });

  it('re-injecting an injected pod gives the same pod', () => {
    const once = injectedTemplate(deployment());
    const twice = injectedTemplate({ ...deployment(), spec: { ...deployment().spec, template: once } });
    expect(twice).toEqual(once);
  });
});
