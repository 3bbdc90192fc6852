import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { IstioBase } from '../../../src/constructs/control-plane/istio-base';
import { Istiod } from '../../../src/constructs/control-plane/istiod';
import { OutputLayout } from '../../../src/core/output-layout';
import { ChartSource } from '../../../src/engine/charts/chart-source';
import { type KubeObject } from '../../../src/engine/k8s/object';
import { MeshApp } from '../../../src/synth/mesh-app';
import { FIXTURE_CHARTS, useTempDir } from '../../engine/charts/test-helpers';

const tmp = useTempDir('failure-policy-');
const sources = [ChartSource.localDir(FIXTURE_CHARTS)];

/** `<webhook configuration>: <failurePolicy>` of every validator the control plane renders in `app`. */
function validatorPolicies(
  app: MeshApp | ReturnType<typeof Testing.app>,
  values?: { base: { validationFailurePolicy: 'Ignore' } },
): string[] {
  const chart = new Chart(app, 'cp');
  const renderCacheDir = path.join(tmp(), 'renders');
  new IstioBase(chart, 'Base', { sources, renderCacheDir, values });
  new Istiod(chart, 'Istiod', { sources, renderCacheDir, values });
  return (Testing.synth(chart) as KubeObject[])
    .filter((o) => o.kind === 'ValidatingWebhookConfiguration')
    .flatMap((o) => (o.webhooks as { failurePolicy: string }[]).map((w) => `${o.metadata.name}: ${w.failurePolicy}`))
    .sort();
}

const outdir = () => path.join(os.tmpdir(), 'failure-policy-never-written');

describe('gitOpsFailurePolicy', () => {
  test('an app staged in stage folders renders both validators Fail (no drift against istiod)', () => {
    expect(validatorPolicies(new MeshApp({ outdir: outdir(), layout: OutputLayout.stageFolders() }))).toEqual([
      'istio-validator-istio-system: Fail',
      'istiod-default-validator: Fail',
    ]);
  });

  test('an app with sync waves renders them Fail too', () => {
    expect(validatorPolicies(new MeshApp({ outdir: outdir(), syncWaves: true }))).toEqual([
      'istio-validator-istio-system: Fail',
      'istiod-default-validator: Fail',
    ]);
  });

  test('an unstaged app keeps the chart default Ignore (applied at once, istiod is not ready yet)', () => {
    expect(validatorPolicies(new MeshApp({ outdir: outdir() }))).toEqual([
      'istio-validator-istio-system: Ignore',
      'istiod-default-validator: Ignore',
    ]);
    expect(validatorPolicies(Testing.app())).toEqual(['istio-validator-istio-system: Ignore', 'istiod-default-validator: Ignore']);
  });

  test('typed values override it', () => {
    const app = new MeshApp({ outdir: outdir(), layout: OutputLayout.stageFolders() });
    expect(validatorPolicies(app, { base: { validationFailurePolicy: 'Ignore' } })).toEqual([
      'istio-validator-istio-system: Ignore',
      'istiod-default-validator: Ignore',
    ]);
  });
});
