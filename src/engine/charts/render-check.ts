import { UserError } from '../../errors';
import { requiredObjects } from '../../model/values/required-objects';
import { isRecord } from '../k8s/object';
import { type YamlDocument } from '../yaml/documents';
import { chartFilePaths } from './chart-files';
import { type ResolvedChart } from './resolved-chart';

/** The comment helm puts before every document of `helm template`: `# Source: <chart>/templates/<file>`. */
const SOURCE_HEADER = /^# Source: (\S+)$/;

/**
 * Checks helm's output before it is used or cached: every document must carry helm's Source header naming a
 * template of the chart, and the objects the chart always renders for these values (see requiredObjects) must be
 * there; an empty render passes only when none are (values that turn every object off). Throws a UserError
 * naming the chart, the document or what is missing.
 * Returns the template of each document, as a path inside the chart (`templates/<file>`), in order.
 *
 * This is the second line of defence, against a helm that is not helm or a chart that is not the chart. It does
 * not stop a value that smuggles documents in: helm splits each template's output on `---` and gives every piece
 * the template's own Source header. The value checks (controlCharacterErrors) are what stop that.
 */
export function checkRenderedDocuments(
  documents: readonly YamlDocument[],
  chart: ResolvedChart,
  values: Record<string, unknown>,
  source: string,
): string[] {
  const fix = 'check that HELM_BIN (or helm on PATH) is a working helm and that the chart source holds the Istio chart';
  const required = requiredObjects(chart.name, values);
  // Nothing required: these values turn every object of the chart off (ztunnel with resourceScope 'cluster').
  if (documents.length === 0 && required.length > 0) {
    throw new UserError(`${source} rendered no objects; ${fix}, and that the values do not turn every object off`);
  }
  const templates = chartFilePaths(chart.path);
  const sources = documents.map((doc, i) => {
    const template = sourceOf(doc.text);
    const inChart = template?.split('/').slice(1).join('/');
    if (inChart === undefined || !inChart.startsWith('templates/') || !templates.has(inChart)) {
      const what = template ? `names ${template}, which is not a template of the chart` : "has no '# Source:' header";
      throw new UserError(`${source}: document ${i + 1} (${describe(doc.value)}, line ${doc.line}) ${what}; ${fix}`);
    }
    return inChart;
  });
  for (const object of required) {
    const found = documents.some(
      (d) => isRecord(d.value) && d.value.kind === object.kind && (object.name === undefined || nameOf(d.value) === object.name),
    );
    if (!found) {
      const what = object.name ? `${object.kind} ${object.name}` : `any ${object.kind}`;
      throw new UserError(`${source} rendered no ${what}, which the ${chart.name} chart always renders for these values; ${fix}`);
    }
  }
  return sources;
}

/**
 * helm's output with every Source header attached to its document. A template that writes `---` and then a
 * conditional block that is off (the cni chart's ClusterRoles with `repair.enabled: false`) makes helm print the
 * header, a bare `---` and then the template's next document: that document is the header's, so the `---` is
 * replaced by an empty line (line numbers stay right). A header followed by another header is left alone.
 */
export function attachSourceHeaders(text: string): string {
  return text.replace(/^(# Source: \S+)\n---\n(?!# Source: )/gm, '$1\n\n');
}

/** The template a document came from: its first line after the `---` separator (read line by line: CRDs are large). */
function sourceOf(text: string): string | undefined {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    if (line !== '' && line !== '---') return SOURCE_HEADER.exec(line)?.[1];
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

function nameOf(value: Record<string, unknown>): unknown {
  return isRecord(value.metadata) ? value.metadata.name : undefined;
}

function describe(value: unknown): string {
  if (!isRecord(value)) return 'not an object';
  return `${String(value.kind ?? 'no kind')} ${String(nameOf(value) ?? '(no name)')}`;
}
