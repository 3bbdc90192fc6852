/**
 * Reads and checks a Gateway API install file (`standard-install.yaml`, `experimental-install.yaml`): only the
 * Gateway API's CRDs (and the bundle's own `safe-upgrades` admission policy), all of the channel asked for and of one
 * bundle version, read from the annotations the Gateway API project stamps on each CRD.
 */
import { UserError } from '../../errors';
import { apiGroup, isKubeObject, isRecord, type KubeObject } from '../k8s/object';
import { parseDocuments, YamlParseError } from '../yaml/documents';

export const BUNDLE_VERSION_ANNOTATION = 'gateway.networking.k8s.io/bundle-version';
export const CHANNEL_ANNOTATION = 'gateway.networking.k8s.io/channel';

/** The Gateway API release channels: `standard` (GA and beta kinds) or `experimental` (all kinds). */
export type GatewayApiChannel = 'standard' | 'experimental';
export const GATEWAY_API_CHANNELS: readonly GatewayApiChannel[] = ['standard', 'experimental'];

/** The API groups whose CRDs a bundle may hold (experimental kinds use the `x-k8s.io` group). */
const CRD_GROUPS = ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'];
/** Since v1.5 the bundle also carries this admission policy and its binding, which guard CRD downgrades. */
const ADMISSION_KINDS = ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'];
const ADMISSION_NAME = /\.gateway\.networking\.k8s\.io$/;

export interface CrdBundle {
  /** The `gateway.networking.k8s.io/bundle-version` of its CRDs, e.g. `v1.5.1`. */
  readonly bundleVersion: string;
  readonly channel: GatewayApiChannel;
  /** The objects in file order: the CRDs, and the admission policy objects when the file has them. */
  readonly objects: readonly KubeObject[];
  /** Documents left out, as `<source>:<line>` with why (v1.5.1's experimental file ends in a kustomize file list). */
  readonly skipped: readonly string[];
}

/** Parses `text` (from `source`, a path or redacted URL for messages) and checks it is a Gateway API bundle of `channel`. */
export function readCrdBundle(text: string, source: string, channel: GatewayApiChannel): CrdBundle {
  let docs;
  try {
    docs = parseDocuments(text, source);
  } catch (error) {
    if (error instanceof YamlParseError) {
      throw new UserError(`${error.message}: the Gateway API CRD file is not valid YAML; use the release's standard-install.yaml`);
    }
    throw error;
  }
  const objects: KubeObject[] = [];
  const versions = new Map<string, string>();
  const skipped: string[] = [];
  for (const { value, line } of docs) {
    const where = `${source}:${line}`;
    if (isFileList(value)) {
      skipped.push(`${where}: a kustomize resource list, not a Kubernetes object (kubectl would refuse it)`);
      continue;
    }
    if (!isKubeObject(value)) throw new UserError(`${where}: not a Kubernetes object: ${NOT_A_BUNDLE}`);
    const crd = value.kind === 'CustomResourceDefinition' && apiGroup(value.apiVersion) === 'apiextensions.k8s.io';
    if (!crd) {
      checkAdmissionObject(value, where);
      objects.push(value);
      continue;
    }
    const name = value.metadata.name ?? '';
    const group = isRecord(value.spec) ? value.spec.group : undefined;
    if (typeof group !== 'string' || !CRD_GROUPS.includes(group)) {
      throw new UserError(`${where}: CRD '${name}' is of group '${String(group)}', not the Gateway API's: ${NOT_A_BUNDLE}`);
    }
    const annotations = value.metadata.annotations ?? {};
    const found = annotations[CHANNEL_ANNOTATION];
    if (found !== channel) {
      const has = found === undefined ? `has no ${CHANNEL_ANNOTATION} annotation` : `is of the ${found} channel`;
      throw new UserError(
        `${where}: CRD '${name}' ${has}, not ${channel}: use the ${channel}-install.yaml of the release, or set channel to match the file`,
      );
    }
    const version = annotations[BUNDLE_VERSION_ANNOTATION];
    if (typeof version !== 'string' || !/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
      throw new UserError(`${where}: CRD '${name}' has no valid ${BUNDLE_VERSION_ANNOTATION} annotation (e.g. v1.5.1): ${NOT_A_BUNDLE}`);
    }
    versions.set(version, versions.get(version) ?? name);
    objects.push(value);
  }
  const list = [...versions.keys()];
  if (list.length === 0) throw new UserError(`${source} holds no CustomResourceDefinition: ${NOT_A_BUNDLE}`);
  if (list.length > 1) {
    const mixed = [...versions].map(([v, crd]) => `${v} (${crd})`).join(', ');
    throw new UserError(`${source} mixes bundle versions ${mixed}: use the unmodified install file of one release`);
  }
  return { bundleVersion: list[0], channel, objects, skipped };
}

const NOT_A_BUNDLE =
  'the file must hold only the Gateway API CRDs; use standard-install.yaml or experimental-install.yaml of a Gateway API release';

/** `resources: [file names]` and nothing else: the kustomization fragment some release files end with. */
function isFileList(value: unknown): boolean {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !Array.isArray(value.resources)) return false;
  return value.resources.every((r) => typeof r === 'string' && /^[\w.-]+\.yaml$/.test(r));
}

function checkAdmissionObject(object: KubeObject, where: string): void {
  const name = object.metadata.name ?? '';
  const ok =
    ADMISSION_KINDS.includes(object.kind) && apiGroup(object.apiVersion) === 'admissionregistration.k8s.io' && ADMISSION_NAME.test(name);
  if (!ok) throw new UserError(`${where}: ${object.kind} '${name}' is not a CustomResourceDefinition: ${NOT_A_BUNDLE}`);
}
