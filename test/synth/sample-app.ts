// A small mesh app for the synth tests: the control plane from the fixture charts (default revision and a
// 'canary' revision), an injected namespace with a workload, an Istio policy, and optionally Argo CD Applications.
import { ApiObject, type AppProps, Chart } from 'cdk8s';
import * as path from 'path';
import { IstioBase } from '../../src/constructs/control-plane/istio-base';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { ArgoCdApplications } from '../../src/constructs/gitops/argocd-applications';
import { OutputLayout } from '../../src/core/output-layout';
import { ChartSource } from '../../src/engine/charts/chart-source';
import { MeshApp } from '../../src/synth/mesh-app';

export const FIXTURE_CHARTS = path.join(__dirname, '..', 'fixtures', 'charts');

export interface SampleOptions extends Pick<AppProps, 'outputFileExtension' | 'recordConstructMetadata' | 'resolvers'> {
  readonly outdir: string;
  readonly renderCacheDir: string;
  readonly layout?: 'file-per-chart' | 'stage-folders';
  readonly syncWaves?: boolean;
  readonly argo?: boolean;
  /** Leave the workload chart out (to see its file disappear). */
  readonly withoutWorkloads?: boolean;
}

export function sampleApp(options: SampleOptions): MeshApp {
  const app = new MeshApp({
    outdir: options.outdir,
    layout: options.layout === 'stage-folders' ? OutputLayout.stageFolders() : OutputLayout.filePerChart(),
    syncWaves: options.syncWaves,
    outputFileExtension: options.outputFileExtension,
    recordConstructMetadata: options.recordConstructMetadata,
    resolvers: options.resolvers,
  });
  const sources = [ChartSource.localDir(FIXTURE_CHARTS)];
  const cp = new Chart(app, 'control-plane');
  new IstioBase(cp, 'base', { sources, renderCacheDir: options.renderCacheDir });
  new Istiod(cp, 'istiod', { sources, renderCacheDir: options.renderCacheDir });
  new Istiod(cp, 'canary', { sources, renderCacheDir: options.renderCacheDir, revision: 'canary' });
  if (!options.withoutWorkloads) {
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    new ApiObject(shop, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { 'istio.io/rev': 'canary' } },
    });
    new ApiObject(shop, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx:1.27',
                env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }],
              },
            ],
          },
        },
      },
    });
    new ApiObject(shop, 'mtls', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default' },
      spec: { mtls: { mode: 'STRICT' } },
    });
  }
  if (options.argo) {
    new ArgoCdApplications(new Chart(app, 'argocd'), 'apps', { repoUrl: 'https://git.example.com/mesh.git' });
  }
  return app;
}
