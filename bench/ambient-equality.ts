/**
 * Manual check (not a test): an ambient control plane (IstioBase, Istiod, IstioCni, Ztunnel with profile ambient)
 * equals `helm template` of the real charts, object for object and field for field, with only the normalizations of
 * control-plane-equality.ts; also on GKE and OpenShift with istio-cni and ztunnel in kube-system and istiod trusting
 * that namespace. On GKE our istio-cni (rendered offline) is compared with helm told the cluster is GKE
 * (`--kube-version v<x>-gke.<n>`), i.e. with the CNI folder the chart itself picks on a GKE cluster.
 * Also compares with the reference renders in ../shared/reference/istio-1.30.3/ when present.
 *
 *   npx tsc -b tsconfig.build.json && ISTIO_CHARTS_DIR=/path/to/istio-1.30.3/manifests/charts node lib/bench/ambient-equality.js
 *
 * Exits non-zero when anything differs beyond the normalizations.
 */
import * as path from 'path';
import { type Chart } from 'cdk8s';
import { IstioBase } from '../src/constructs/control-plane/istio-base';
import { IstioCni } from '../src/constructs/control-plane/istio-cni';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { Ztunnel } from '../src/constructs/control-plane/ztunnel';
import { type ChartSource } from '../src/engine/charts/chart-source';
import { type IstioPlatform } from '../src/model/values/platform';
import { type Case, runCases } from './control-plane-equality';

const PINS = ['--set', 'global.hub=docker.io/istio', '--set', 'global.tag=1.30.3'];
/** A GKE cluster's version string, which is how the cni chart recognizes GKE. */
const GKE_KUBE_VERSION = 'v1.33.2-gke.1000';

type Build = (chart: Chart, sources: ChartSource[], cacheDir: string) => void;

/** The four charts of an ambient control plane on `platform`, with istio-cni and ztunnel in `dataPlaneNamespace`. */
function ambientCases(charts: string, platform: IstioPlatform | undefined, dataPlaneNamespace: string): Case[] {
  const label = `${platform ?? 'default'} platform, data plane in ${dataPlaneNamespace}`;
  const global = platform ? { platform } : {};
  const platformArgs = platform ? ['--set', `global.platform=${platform}`] : [];
  const common = { createNamespace: false } as const;
  // OpenShift's platform settings trust kube-system by themselves; elsewhere istiod is told.
  const trust = dataPlaneNamespace !== 'istio-system' && platform !== 'openshift';
  const reference = (file: string) => (platform === undefined && dataPlaneNamespace === 'istio-system' ? file : undefined);
  const build =
    (make: (chart: Chart, props: { sources: ChartSource[]; renderCacheDir: string }) => void): Build =>
    (chart, sources, cacheDir) =>
      make(chart, { sources, renderCacheDir: cacheDir });
  return [
    {
      name: `base profile=ambient (${label})`,
      chartDir: path.join(charts, 'base'),
      release: 'istio-base',
      helmArgs: ['--set', 'profile=ambient', ...platformArgs],
      build: build((chart, p) => new IstioBase(chart, 'Base', { ...p, ...common, values: { profile: 'ambient', global } })),
    },
    {
      name: `istiod profile=ambient (${label})`,
      chartDir: path.join(charts, 'istio-control', 'istio-discovery'),
      release: 'istiod',
      helmArgs: [
        ...PINS,
        '--set',
        'profile=ambient',
        ...platformArgs,
        ...(trust ? ['--set', `trustedZtunnelNamespace=${dataPlaneNamespace}`] : []),
      ],
      reference: reference('istiod.profile-ambient.yaml'),
      build: build(
        (chart, p) =>
          new Istiod(chart, 'Istiod', {
            ...p,
            ...common,
            values: { profile: 'ambient', global, ...(trust ? { trustedZtunnelNamespace: dataPlaneNamespace } : {}) },
          }),
      ),
    },
    {
      name: `istio-cni profile=ambient (${label})`,
      chartDir: path.join(charts, 'istio-cni'),
      release: 'istio-cni',
      namespace: dataPlaneNamespace,
      helmArgs: [...PINS, '--set', 'profile=ambient', ...platformArgs, ...(platform === 'gke' ? ['--kube-version', GKE_KUBE_VERSION] : [])],
      reference: reference('istio-cni.profile-ambient.yaml'),
      build: build(
        (chart, p) =>
          new IstioCni(chart, 'Cni', { ...p, ...common, namespace: dataPlaneNamespace, values: { profile: 'ambient', global } }),
      ),
    },
    {
      name: `ztunnel profile=ambient (${label})`,
      chartDir: path.join(charts, 'ztunnel'),
      release: 'ztunnel',
      namespace: dataPlaneNamespace,
      helmArgs: [...PINS, '--set', 'profile=ambient', ...platformArgs],
      reference: reference('ztunnel.profile-ambient.yaml'),
      build: build(
        (chart, p) =>
          new Ztunnel(chart, 'Ztunnel', { ...p, ...common, namespace: dataPlaneNamespace, values: { profile: 'ambient', global } }),
      ),
    },
  ];
}

function main(): void {
  const charts = process.env.ISTIO_CHARTS_DIR;
  if (!charts) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  // Run from the repository root; the shared reference renders sit next to it.
  const referenceDir = path.join(process.cwd(), '..', 'shared', 'reference', 'istio-1.30.3');
  const cases = [
    ...ambientCases(charts, undefined, 'istio-system'),
    ...ambientCases(charts, 'gke', 'kube-system'),
    ...ambientCases(charts, 'openshift', 'kube-system'),
  ];
  process.exitCode = runCases(cases, charts, referenceDir) ? 1 : 0;
}

if (require.main === module) main();
