import { App, Chart } from 'cdk8s';
import { MeshNamespace } from '../src/constructs/mesh-namespace';
import { analyze } from '../src/engine/analysis/analyze';
import { type KubeObject } from '../src/engine/k8s/object';
import { addTrafficExample } from '../src/example-traffic';
import { InjectionMode } from '../src/model/injection-mode';
import { at, list } from './support/json';

function build() {
  const app = new App();
  const workloads = new Chart(app, 'workloads');
  new MeshNamespace(workloads, 'Default', { name: 'default', injection: InjectionMode.sidecar() });
  const policies = new Chart(app, 'traffic');
  const example = addTrafficExample(workloads, policies);
  const objects: KubeObject[] = [...workloads.toJson(), ...policies.toJson()];
  return { app, objects, example };
}

function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among the example's objects`);
  return found;
}

describe('addTrafficExample', () => {
  test('emits two echo versions, a canary with retries and a circuit breaker, an AuthorizationPolicy and access logs', () => {
    const { app, objects } = build();
    expect(app.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
    expect(at(find(objects, 'Deployment', 'echo-v1'), 'spec', 'template', 'metadata', 'labels')).toMatchObject({
      app: 'echo',
      version: 'v1',
    });
    expect(at(find(objects, 'Deployment', 'echo-v2'), 'spec', 'template', 'metadata', 'labels')).toMatchObject({
      app: 'echo',
      version: 'v2',
    });
    expect(at(find(objects, 'Service', 'echo'), 'spec', 'ports')).toEqual([{ name: 'http', port: 80, targetPort: 5678 }]);
    const route = at(find(objects, 'VirtualService', 'echo'), 'spec', 'http', 0);
    expect(list(route, 'route').map((d) => [at(d, 'destination', 'subset'), d.weight])).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
    expect(at(route, 'retries', 'attempts')).toBe(2);
    expect(at(find(objects, 'DestinationRule', 'echo'), 'spec', 'trafficPolicy', 'outlierDetection', 'consecutive5xxErrors')).toBe(5);
    expect(at(find(objects, 'AuthorizationPolicy', 'echo-readers'), 'spec', 'selector')).toEqual({ matchLabels: { app: 'echo' } });
    expect(at(find(objects, 'Telemetry', 'echo-access-logs'), 'spec', 'accessLogging')).toEqual([{ providers: [{ name: 'envoy' }] }]);
  });

  test('analyzes clean, apart from the note that istiod (left out here) is not in the input', () => {
    const { objects } = build();
    const findings = analyze(objects.map((object) => ({ object })));
    expect(findings.filter((f) => f.code !== 'CDK8SI020')).toEqual([]);
  });
});
