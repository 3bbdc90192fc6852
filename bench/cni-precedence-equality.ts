/**
 * Manual check (not a test): IstioCni passes its values to the real istio-cni chart as given, so its objects equal
 * `helm template` with the same values (only the normalizations of control-plane-equality.ts), also where the chart
 * drops a top-level value because the selected profile, compatibility version or platform sets it under `cni.`; and
 * it warns exactly for those values, naming each.
 *
 *   npx tsc -b tsconfig.build.json && ISTIO_CHARTS_DIR=/path/to/istio-1.30.3/manifests/charts node lib/bench/cni-precedence-equality.js
 *
 * Exits non-zero when anything differs beyond the normalizations, or a warning is missing or extra.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IstioCni } from '../src/constructs/control-plane/istio-cni';
import { synthWarnings } from '../src/core/warnings';
import { type CniValues } from '../src/model/values/cni-values';
import { mergeValues } from '../src/model/values/merge';
import { type Case, runCases } from './control-plane-equality';

interface PrecedenceCase {
  readonly name: string;
  readonly values: CniValues;
  /** Extra values (compatibilityVersion is not typed). */
  readonly extra?: Record<string, unknown>;
  /** The top-level paths the chart drops here (and a warning must name), as `values.<path>` / `extraValues.<path>`. */
  readonly dropped: readonly string[];
}

const PINS = { global: { hub: 'docker.io/istio', tag: '1.30.3' } };

const CASES: readonly PrecedenceCase[] = [
  // A selected file sets the key under cni: the top-level value is dropped.
  { name: 'k3s + cniConfDir', values: { global: { platform: 'k3s' }, cniConfDir: '/etc/custom' }, dropped: ['values.cniConfDir'] },
  {
    name: 'ambient + ambient.enabled=false',
    values: { profile: 'ambient', ambient: { enabled: false } },
    dropped: ['values.ambient.enabled'],
  },
  {
    name: 'demo + resources',
    values: { profile: 'demo', resources: { requests: { cpu: '200m', memory: '100Mi' }, limits: { memory: '1Gi' } } },
    dropped: ['values.resources.requests.cpu', 'values.resources.requests.memory'],
  },
  {
    name: 'openshift + chained, provider',
    values: { global: { platform: 'openshift' }, chained: true, provider: 'default' },
    dropped: ['values.chained', 'values.provider'],
  },
  { name: 'k3d + cniBinDir', values: { global: { platform: 'k3d' }, cniBinDir: '/usr/bin' }, dropped: ['values.cniBinDir'] },
  {
    name: 'compatibilityVersion 1.28 + ambient.reconcileIptablesOnStartup',
    values: { profile: 'ambient', ambient: { reconcileIptablesOnStartup: true } },
    extra: { compatibilityVersion: '1.28' },
    dropped: ['values.ambient.reconcileIptablesOnStartup'],
  },
  {
    name: 'ambient + k3s, extraValues cniBinDir',
    values: { profile: 'ambient', global: { platform: 'k3s' } },
    extra: { cniBinDir: '/x/bin' },
    dropped: ['extraValues.cniBinDir'],
  },
  // Nothing selected sets these under cni (or the user's own cni block wins): no warning.
  { name: 'no profile + cniConfDir, cniBinDir', values: { cniConfDir: '/etc/custom', cniBinDir: '/usr/bin' }, dropped: [] },
  { name: 'ambient + cni.ambient.enabled=false', values: { profile: 'ambient', cni: { ambient: { enabled: false } } }, dropped: [] },
  { name: 'k3s + cni.cniConfDir', values: { global: { platform: 'k3s' }, cni: { cniConfDir: '/etc/custom' } }, dropped: [] },
  { name: 'demo + resources.limits', values: { profile: 'demo', resources: { limits: { memory: '1Gi' } } }, dropped: [] },
  { name: 'openshift + cni.chained', values: { global: { platform: 'openshift' }, cni: { chained: true } }, dropped: [] },
  {
    name: 'openshift + seLinuxOptions (a top-level setting of the platform)',
    values: { global: { platform: 'openshift' }, seLinuxOptions: { type: 'container_t' } },
    dropped: [],
  },
  { name: 'minikube + cniBinDir', values: { global: { platform: 'minikube' }, cniBinDir: '/usr/bin' }, dropped: [] },
  {
    name: 'ambient + dnsCapture, ipv6, global.variant',
    values: { profile: 'ambient', ambient: { dnsCapture: false, ipv6: false }, global: { variant: 'debug' } },
    dropped: [],
  },
  {
    name: 'repair deletePods, excludeNamespaces, podLabels',
    values: { repair: { repairPods: false, deletePods: true }, excludeNamespaces: ['kube-system', 'batch'], podLabels: { team: 'net' } },
    dropped: [],
  },
  {
    name: 'k3s + its own cniConfDir (equal)',
    values: { global: { platform: 'k3s' }, cniConfDir: '/var/lib/rancher/k3s/agent/etc/cni/net.d' },
    dropped: [],
  },
  {
    name: 'compatibilityVersion 1.25 + ambient.shareHostNetworkNamespace (a top-level setting)',
    values: { profile: 'ambient', ambient: { shareHostNetworkNamespace: false } },
    extra: { compatibilityVersion: '1.25' },
    dropped: [],
  },
  {
    name: 'microk8s + logging, env',
    values: { global: { platform: 'microk8s' }, logging: { level: 'debug' }, env: { FOO: 'bar' } },
    dropped: [],
  },
  { name: 'gke + cni.cniBinDir', values: { global: { platform: 'gke' }, cni: { cniBinDir: '/custom/bin' } }, dropped: [] },
  { name: 'ambient + openshift, no values', values: { profile: 'ambient', global: { platform: 'openshift' } }, dropped: [] },
];

function main(): void {
  const charts = process.env.ISTIO_CHARTS_DIR;
  if (!charts) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  const valuesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cni-precedence-'));
  const warned = new Map<string, string[]>();
  try {
    const cases: Case[] = CASES.map((c, i) => {
      const file = path.join(valuesDir, `values-${i}.json`);
      fs.writeFileSync(file, JSON.stringify(mergeValues(PINS, c.values as Record<string, unknown>, c.extra)));
      return {
        name: c.name,
        chartDir: path.join(charts, 'istio-cni'),
        release: 'istio-cni',
        helmArgs: ['-f', file],
        build: (chart, sources, cacheDir) => {
          const cni = new IstioCni(chart, 'Cni', {
            sources,
            renderCacheDir: cacheDir,
            createNamespace: false,
            values: c.values,
            extraValues: c.extra,
          });
          warned.set(
            c.name,
            synthWarnings([cni]).map((w) => w.message),
          );
        },
      };
    });
    let failed = runCases(cases, charts, '');
    for (const c of CASES) {
      const messages = warned.get(c.name) ?? [];
      const named = messages.map((m) => m.slice(0, m.indexOf(' ')));
      const ok = named.length === c.dropped.length && c.dropped.every((p) => named.includes(p));
      console.log(`${c.name}: warnings ${ok ? 'as expected' : 'WRONG'} (${named.join(', ') || 'none'})`);
      if (!ok) for (const m of messages) console.log(`  ${m}`);
      failed ||= !ok;
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    fs.rmSync(valuesDir, { recursive: true, force: true });
  }
}

if (require.main === module) main();
