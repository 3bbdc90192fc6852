/**
 * Manual check (not a test): the objects RevisionTag produces equal the revision-tag objects of `helm template` of the
 * real istiod chart (templates revision-tags-mwc.yaml and revision-tags-svc.yaml), with only the documented
 * normalizations, for tags on a revisioned Istiod, an Istiod in another namespace, and a revision installed elsewhere.
 *
 *   npx tsc -b tsconfig.build.json && ISTIO_CHARTS_DIR=/path/to/istio-1.30.3/manifests/charts node lib/bench/revision-tag-equality.js
 *
 * Exits non-zero when anything differs beyond the normalizations.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { Istiod } from '../src/constructs/control-plane/istiod';
import { REVISION_TAG_TEMPLATES, RevisionTag } from '../src/constructs/control-plane/revision-tag';
import { ChartSource } from '../src/engine/charts/chart-source';
import { locateHelm } from '../src/engine/charts/helm-binary';
import { type KubeObject } from '../src/engine/k8s/object';
import { runProcess } from '../src/engine/process/runner';
import { parseDocuments } from '../src/engine/yaml/documents';
import { compare } from './control-plane-equality';

interface TagCase {
  readonly name: string;
  readonly namespace: string;
  readonly helmArgs: readonly string[];
  readonly build: (chart: Chart, sources: ChartSource[], cacheDir: string) => RevisionTag;
}

const PINS = ['--set', 'global.hub=docker.io/istio', '--set', 'global.tag=1.30.3'];

const CASES: readonly TagCase[] = [
  {
    name: 'prod on revision 1-30-3',
    namespace: 'istio-system',
    helmArgs: [...PINS, '--set', 'revision=1-30-3', '--set', 'revisionTags={prod}'],
    build: (chart, sources, cacheDir) =>
      new RevisionTag(chart, 'Tag', {
        name: 'prod',
        revision: new Istiod(chart, 'Istiod', { sources, renderCacheDir: cacheDir, createNamespace: false, revision: '1-30-3' }),
      }),
  },
  {
    name: 'default on revision canary in namespace mesh, namespaces injected by default',
    namespace: 'mesh',
    helmArgs: [
      ...PINS,
      '--set',
      'revision=canary',
      '--set',
      'revisionTags={default}',
      '--set',
      'global.istioNamespace=mesh',
      '--set',
      'sidecarInjectorWebhook.enableNamespacesByDefault=true',
    ],
    build: (chart, sources, cacheDir) =>
      new RevisionTag(chart, 'Tag', {
        name: 'default',
        revision: new Istiod(chart, 'Istiod', {
          sources,
          renderCacheDir: cacheDir,
          createNamespace: false,
          revision: 'canary',
          namespace: 'mesh',
          values: { sidecarInjectorWebhook: { enableNamespacesByDefault: true } },
        }),
      }),
  },
  {
    name: 'stable on revision 1-29-3 installed elsewhere',
    namespace: 'istio-system',
    helmArgs: [...PINS, '--set', 'revision=1-29-3', '--set', 'revisionTags={stable}'],
    build: (chart, sources, cacheDir) =>
      new RevisionTag(chart, 'Tag', { name: 'stable', revision: '1-29-3', external: true, sources, renderCacheDir: cacheDir }),
  },
];

function main(): void {
  const charts = process.env.ISTIO_CHARTS_DIR;
  if (!charts) throw new Error('set ISTIO_CHARTS_DIR to the manifests/charts folder of an Istio release');
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tag-equality-'));
  let failed = false;
  try {
    for (const c of CASES) {
      const chart = new Chart(Testing.app(), 'c');
      const tag = c.build(chart, [ChartSource.localDir(charts)], cacheDir);
      const ours = tag.objects();
      const helm = tagObjects(path.join(charts, 'istio-control', 'istio-discovery'), c);
      const report = compare(ours, helm);
      const equal = report.every((l) => l.startsWith('normalized:'));
      console.log(
        `${c.name}: ${ours.length} objects ours, ${helm.length} from the tag templates of helm template; ${equal ? 'equal' : 'DIFFERENT'}`,
      );
      for (const line of report) console.log(`  ${line}`);
      failed ||= !equal || ours.length === 0;
    }
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

/** The documents of `helm template` whose `# Source:` is a revision-tag template. */
function tagObjects(chartDir: string, c: TagCase): KubeObject[] {
  const result = runProcess(locateHelm(), ['template', 'istiod', chartDir, '--namespace', c.namespace, ...c.helmArgs]);
  if (result.status !== 0) throw new Error(result.stderr);
  return parseDocuments(result.stdout, `helm template ${c.name}`)
    .filter((d) => REVISION_TAG_TEMPLATES.some((t) => d.text.includes(`# Source: istiod/${t}\n`)))
    .map((d) => d.value as KubeObject);
}

if (require.main === module) main();
