import { sidecarInAmbient } from '../../../../../src/engine/analysis/rules/ambient/sidecar-in-ambient';
import { deployment, named, namespace, preInjected, run } from '../../fixtures';

const AMBIENT = { 'istio.io/dataplane-mode': 'ambient' };

describe('CDK8SI033 sidecar workload in an ambient namespace', () => {
  test('reports pod templates that ask for a sidecar, or are pre-injected, in an ambient namespace', () => {
    const findings = run(sidecarInAmbient, [
      namespace('shop', AMBIENT),
      deployment('inject', 'shop', { podLabels: { app: 'inject', 'sidecar.istio.io/inject': 'true' } }),
      deployment('rev', 'shop', { podLabels: { app: 'rev', 'istio.io/rev': 'canary' } }),
      preInjected('pre', 'shop'),
      deployment('plain', 'shop'),
    ]);
    expect(findings.map(named).sort()).toEqual([['Deployment shop/inject'], ['Deployment shop/pre'], ['Deployment shop/rev']]);
    expect(findings[0]).toMatchObject({ code: 'CDK8SI033', level: 'warning' });
    const inject = findings.find((f) => f.objects[0].name === 'inject');
    expect(inject?.message).toMatch(/enrolled in ambient mode by namespace shop but gets a sidecar .*sidecar\.istio\.io\/inject=true/);
    expect(inject?.message).toMatch(/to keep the sidecar on purpose, label its pod template istio\.io\/dataplane-mode=none/);
    expect(findings.find((f) => f.objects[0].name === 'rev')?.message).toMatch(/istio\.io\/rev=canary/);
    expect(findings.find((f) => f.objects[0].name === 'pre')?.message).toMatch(/is pre-injected/);
  });

  test('reports a pod enrolled by its own ambient label that also asks for a sidecar', () => {
    const pod = { app: 'x', 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'true' };
    const findings = run(sidecarInAmbient, [namespace('plain'), deployment('x', 'plain', { podLabels: pod })]);
    expect(findings.map(named)).toEqual([['Deployment plain/x']]);
    expect(findings[0].message).toMatch(/by its pod label istio\.io\/dataplane-mode=ambient/);
  });

  test('stays silent for a sidecar kept on purpose (dataplane-mode=none), for opt-outs and for plain ambient pods', () => {
    const findings = run(sidecarInAmbient, [
      namespace('shop', AMBIENT),
      deployment('chosen', 'shop', { podLabels: { app: 'chosen', 'sidecar.istio.io/inject': 'true', 'istio.io/dataplane-mode': 'none' } }),
      deployment('off', 'shop', { podLabels: { app: 'off', 'sidecar.istio.io/inject': 'false' } }),
      // The deprecated annotation does not select the webhook in a namespace without injection labels: no sidecar.
      deployment('annotated', 'shop', { podAnnotations: { 'sidecar.istio.io/inject': 'true' } }),
      deployment('plain', 'shop'),
    ]);
    expect(findings).toEqual([]);
  });

  test('leaves a namespace with both injection and ambient labels to IST0123', () => {
    const findings = run(sidecarInAmbient, [
      namespace('shop', { ...AMBIENT, 'istio-injection': 'enabled' }),
      deployment('web', 'shop'),
      namespace('rev', { ...AMBIENT, 'istio.io/rev': 'canary' }),
      deployment('api', 'rev'),
    ]);
    expect(findings).toEqual([]);
  });
});
