/** Prometheus merge: point the pod's scrape annotations at the agent, which merges app and Envoy metrics. */
import { isRecord } from '../k8s/object';
import { findContainer } from './pod';
import { type Tree } from './tree';

const SCRAPE = 'prometheus_io_scrape';
const PORT = 'prometheus_io_port';
const PATH = 'prometheus_io_path';
const MERGE_ANNOTATION = 'prometheus.istio.io/merge-metrics';

/** Prometheus annotation keys are matched after sanitizing them to label names (`prometheus.io/port` → `prometheus_io_port`). */
function sanitize(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Go's strconv.ParseBool; undefined for anything else. */
export function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function find(annotations: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(annotations)) if (sanitize(k) === name) return v;
  return undefined;
}

export function clearPrometheusAnnotations(annotations: Record<string, string>): void {
  for (const k of Object.keys(annotations)) {
    const s = sanitize(k);
    if (s === SCRAPE || s === PORT || s === PATH) delete annotations[k];
  }
}

export function prometheusPort(annotations: Record<string, string>): string | undefined {
  return find(annotations, PORT);
}

/**
 * When the pod is scraped and merging is on (mesh default, or the pod's annotation), the agent's status port
 * takes over the scrape annotations; the app's own settings go to the proxy as ISTIO_PROMETHEUS_ANNOTATIONS.
 */
export function applyPrometheusMerge(pod: Tree, mesh: Tree): void {
  const meta = pod.metadata as Tree;
  const annotations = meta.annotations as Record<string, string>;
  const scrapeText = find(annotations, SCRAPE);
  const scrape = scrapeText === undefined ? true : (parseBool(scrapeText) ?? true);
  if (!scrape || !mergeEnabled(mesh, annotations)) return;
  const target = String(statusPort(mesh));
  if (prometheusPort(annotations) === target) return;
  const config = { scrape: find(annotations, SCRAPE) ?? '', path: find(annotations, PATH) ?? '', port: find(annotations, PORT) ?? '' };
  const sidecar = findContainer(pod, 'istio-proxy');
  if (sidecar && (config.scrape !== '' || config.path !== '' || config.port !== '')) {
    sidecar.env = [
      ...(Array.isArray(sidecar.env) ? sidecar.env : []),
      { name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: JSON.stringify(config) },
    ];
  }
  clearPrometheusAnnotations(annotations);
  annotations['prometheus.io/port'] = target;
  annotations['prometheus.io/path'] = '/stats/prometheus';
  annotations['prometheus.io/scrape'] = 'true';
}

function mergeEnabled(mesh: Tree, annotations: Record<string, string>): boolean {
  const annotated = annotations[MERGE_ANNOTATION];
  if (annotated !== undefined) {
    const parsed = parseBool(annotated);
    if (parsed !== undefined) return parsed;
  }
  return typeof mesh.enablePrometheusMerge === 'boolean' ? mesh.enablePrometheusMerge : true;
}

/** The agent's status port from the mesh's default proxy config. */
export function statusPort(mesh: Tree): number {
  const pc = mesh.defaultConfig;
  return isRecord(pc) && typeof pc.statusPort === 'number' ? pc.statusPort : 0;
}
