// What MeshApp (src/synth) tells the constructs that describe its output (src/constructs/gitops), so that
// neither layer imports the other.
import { type IConstruct } from 'constructs';
import { type KubeObject } from '../engine/k8s/object';
import { brand, hasBrand } from '../model/brand';
import { type IstioProfileName } from '../model/values/base-values';
import { type IstioPlatform } from '../model/values/platform';
import { type OutputLayout } from './output-layout';
import { type Stage } from './stage';

/** A synthesized object with its stage and output file. */
export interface PlannedObject {
  readonly object: KubeObject;
  /** Construct path of the ApiObject, for messages. */
  readonly constructPath: string;
  /** The apply stage; undefined for Argo CD and Flux objects, which deliver the stages. */
  readonly stage: Stage | undefined;
  /** File relative to the output folder, `/`-separated. */
  readonly file: string;
}

/** Every object the app writes, with its stage and file: what GitOps constructs describe. */
export interface OutputPlan {
  readonly layout: OutputLayout;
  /** Whether objects carry Argo CD sync-wave annotations. */
  readonly syncWaves: boolean;
  readonly objects: readonly PlannedObject[];
}

/**
 * A construct that emits objects describing the output itself (Argo CD Applications for the stage folders).
 * MeshApp.synth calls `describeOutput` with the plan of every other object, then collects again.
 * It must replace, not add to, what an earlier call emitted, so synth can run twice.
 */
export interface IOutputDescriber extends IConstruct {
  describeOutput(plan: OutputPlan): void;
}

export function isOutputDescriber(c: IConstruct): c is IOutputDescriber {
  return typeof (c as Partial<IOutputDescriber>).describeOutput === 'function';
}

/** The output settings of a MeshApp, as the constructs inside it read them. */
export interface IMeshAppOutput extends IConstruct {
  /** How objects are arranged into files. */
  readonly layout: OutputLayout;
  /** Whether objects carry Argo CD sync-wave annotations. */
  readonly syncWaves: boolean;
  /** Whether the output holds cdk8s's `construct-metadata.json` (CONSTRUCT_METADATA_FILE). */
  readonly recordsConstructMetadata: boolean;
  /** The profile every Istio chart of the app applies (src/core/mesh-profile.ts); undefined: each chart's own. */
  readonly profile: IstioProfileName | undefined;
  /** The platform every Istio chart of the app applies; undefined: each chart's own. */
  readonly platform: IstioPlatform | undefined;
}

/** The file cdk8s's `recordConstructMetadata` writes at the top of the output folder. */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

const MESH_APP = 'MeshApp';

/** Brands `type` as the MeshApp class (called once, by MeshApp). */
export function brandMeshApp(type: { readonly prototype: IMeshAppOutput }): void {
  brand(type, MESH_APP);
}

/** Whether `x` is a MeshApp, whichever copy of this library made it. */
export function isMeshApp(x: unknown): x is IMeshAppOutput {
  return hasBrand(x, MESH_APP);
}

/** The MeshApp at the root of `scope`'s tree, or undefined when the root is another App. */
export function meshAppOf(scope: IConstruct): IMeshAppOutput | undefined {
  const root = scope.node.root;
  return isMeshApp(root) ? root : undefined;
}
