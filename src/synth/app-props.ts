import { type AppProps, YamlOutputType } from 'cdk8s';
import { UserError } from '../errors';
import { type MeshAppProps } from './mesh-app';

/**
 * What MeshApp does with each of cdk8s's `AppProps`. Typed as a record over `keyof AppProps`, so a field that a
 * new cdk8s release adds fails to compile here until it is decided.
 */
const APP_PROPS: Readonly<Record<keyof AppProps, string>> = {
  outdir: 'honoured: the output folder',
  outputFileExtension: 'honoured: ends every chart file name; must end in .yaml or .yml',
  yamlOutputType: 'rejected unless FILE_PER_CHART: MeshApp writes files by its layout',
  recordConstructMetadata: "honoured: writes cdk8s's construct-metadata.json",
  resolvers: 'honoured: resolve every value when objects are collected',
};

/** The props of MeshApp itself; typed so that a new one must be listed here, or MeshApp would reject it. */
const MESH_APP_PROPS: Readonly<Record<Exclude<keyof MeshAppProps, keyof AppProps>, true>> = {
  layout: true,
  syncWaves: true,
  analysis: true,
  profile: true,
  platform: true,
  rollWorkloads: true,
};

/** File name endings GitOps tools and kustomize read as YAML manifests. */
const YAML_EXTENSION = /^[A-Za-z0-9._-]*\.ya?ml$/;

/**
 * Rejects the props MeshApp cannot honour, and unknown ones (from plain JavaScript, or a field of a newer cdk8s),
 * each with one line naming the value and the fix; nothing is silently ignored.
 */
export function checkAppProps(props: object): void {
  const known = [...Object.keys(APP_PROPS), ...Object.keys(MESH_APP_PROPS)];
  const unknown = Object.keys(props).filter((k) => !known.includes(k) && (props as Record<string, unknown>)[k] !== undefined);
  if (unknown.length > 0) {
    const [noun, pronoun] = unknown.length === 1 ? ['prop', 'it'] : ['props', 'them'];
    throw new UserError(`MeshApp does not know the ${noun} ${unknown.join(', ')}: remove ${pronoun} (known: ${known.join(', ')})`);
  }
  const p = props as AppProps;
  if (p.yamlOutputType !== undefined && p.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
    const name = YamlOutputType[p.yamlOutputType] ?? String(p.yamlOutputType);
    throw new UserError(
      `MeshApp does not take yamlOutputType (YamlOutputType.${name}): it writes files by its layout; remove yamlOutputType and ` +
        'set layout: OutputLayout.filePerChart() or OutputLayout.stageFolders()',
    );
  }
  const ext = p.outputFileExtension;
  if (ext !== undefined && (typeof ext !== 'string' || !YAML_EXTENSION.test(ext))) {
    throw new UserError(
      `MeshApp outputFileExtension ${JSON.stringify(ext)} is not a YAML file ending: use letters, digits, '.', '_' or '-' ` +
        "ending in .yaml or .yml (e.g. '.k8s.yaml'), so kustomize, Argo CD and Flux read the files",
    );
  }
}

/**
 * Whether the app writes cdk8s's `construct-metadata.json`: the prop, else cdk8s's variable
 * `CDK8S_RECORD_CONSTRUCT_METADATA=true` (the cdk8s CLI sets it when validation plugins need it).
 */
export function recordsConstructMetadata(props: AppProps, env: NodeJS.ProcessEnv = process.env): boolean {
  return props.recordConstructMetadata ?? env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/** cdk8s's `construct-metadata.json`: every object's construct path by object name, in cdk8s's format. */
export function constructMetadataJson(
  objects: readonly { readonly object: { readonly metadata: { readonly name?: string } }; readonly constructPath: string }[],
): string {
  const resources: Record<string, { path: string }> = {};
  for (const o of objects) resources[o.object.metadata.name ?? ''] = { path: o.constructPath };
  return JSON.stringify({ version: '1.0.0', resources });
}
