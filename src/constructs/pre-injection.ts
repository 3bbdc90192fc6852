import { type ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { type ISynthTransform } from '../core/synth-transform';
import { isRecord, type KubeObject } from '../engine/k8s/object';
import { buildInjectionSettings, InjectionError, type InjectionSettings, injectObject } from '../engine/injection';
import { DEFAULT_REVISION, SIDECAR_INJECT_LABEL } from '../model/injection-mode';
import { ISTIO_VERSION } from '../model/values/version';
import { type CompleteTree, completeTree } from '../core/app-index';
import { type Istiod } from './control-plane/istiod';
import { type WorkloadInjection } from './workload-injection';
import { podTemplateOf } from './workload-target';
import { istiodFor } from './revisions';

/** Settings per Istiod and sidecar mode, built once so the engine's prepared state is shared by all workloads. */
const settingsCache = new WeakMap<Istiod, Map<boolean, InjectionSettings>>();

function settingsOf(istiod: Istiod, nativeSidecars: boolean): InjectionSettings {
  let byMode = settingsCache.get(istiod);
  if (!byMode) settingsCache.set(istiod, (byMode = new Map()));
  let settings = byMode.get(nativeSidecars);
  if (!settings) {
    settings = buildInjectionSettings({
      values: [istiod.injectionValues()],
      meshConfig: istiod.meshConfig(),
      revision: istiod.revision,
      nativeSidecars,
    });
    byMode.set(nativeSidecars, settings);
  }
  return settings;
}

/**
 * Injects the sidecar into the synthesized object of one workload: a synth transform that MeshApp applies to the
 * plain object after it is collected, so the user's ApiObject is never changed. The result is memoized per synth:
 * validation computes it first (reporting injection errors with the construct path), the transform reuses it.
 */
export class PreInjector extends Construct implements ISynthTransform {
  public readonly synthTarget: ApiObject;
  /** The injected object of the current synth: the tree is complete then, so the input cannot change. */
  private memo?: { readonly synth: CompleteTree; readonly output: KubeObject };

  constructor(
    scope: Construct,
    id: string,
    target: ApiObject,
    private readonly injection: WorkloadInjection,
    private readonly namespaceRevision: () => string | undefined,
  ) {
    super(scope, id);
    this.synthTarget = target;
  }

  /** Problems that stop the injection (no control plane to follow, annotations Istio rejects). */
  public validate(): string[] {
    const settings = this.settings();
    if (typeof settings === 'string') return [settings];
    try {
      // Resolved only when not memoized: cdk8s runs every validation again when it resolves the first chart.
      this.injected(() => this.synthTarget.toJson() as KubeObject);
      return [];
    } catch (e) {
      if (e instanceof InjectionError)
        return [`pre-injection failed: ${e.message}${e.field ? ` (field ${e.field})` : ''}: fix the pod template or its annotations`];
      throw e;
    }
  }

  public transformObject(object: KubeObject): KubeObject {
    return this.injected(() => object);
  }

  private injected(input: () => KubeObject): KubeObject {
    const synth = completeTree(this);
    if (synth && this.memo?.synth === synth) return this.memo.output;
    const object = input();
    const settings = this.settings();
    if (typeof settings === 'string') return object; // reported by validate()
    const injected = injectObject(object, settings).object as KubeObject;
    optOutOfWebhook(injected);
    if (synth) this.memo = { synth, output: injected };
    return injected;
  }

  private settings(): InjectionSettings | string {
    const inj = this.injection;
    if (inj.istiod) return settingsFor(inj.istiod, inj.nativeSidecars);
    const revision = inj.revision ?? this.namespaceRevision() ?? DEFAULT_REVISION;
    if (inj.external) return externalSettings(inj, revision);
    const istiod = istiodFor(this, revision); // a revision, or a RevisionTag's name
    if (istiod) return settingsFor(istiod, inj.nativeSidecars);
    return (
      `pre-injection needs the values of istiod revision '${revision}', which is not in this app: ` +
      `add new Istiod(scope, id${revision === DEFAULT_REVISION ? '' : `, { revision: '${revision}' }`}), pass ` +
      'WorkloadInjection.preInjected({ istiod }), or use WorkloadInjection.preInjected({ external: true, overrides })'
    );
  }
}

/** The settings of `istiod`, or why its proxy cannot be pre-injected: the engine is Istio ISTIO_VERSION's injector. */
function settingsFor(istiod: Istiod, nativeSidecars: boolean): InjectionSettings | string {
  if (istiod.version === ISTIO_VERSION) return settingsOf(istiod, nativeSidecars);
  const revision = istiod.revision ?? DEFAULT_REVISION;
  return (
    `pre-injection renders Istio ${ISTIO_VERSION}'s sidecar only, but revision '${revision}' is served by ` +
    `${istiod.node.path} at version ${istiod.version}: inject this workload with the webhook (WorkloadInjection.webhook()), ` +
    `or move it to a revision of version ${ISTIO_VERSION}`
  );
}

const externalCache = new WeakMap<WorkloadInjection, Map<string, InjectionSettings>>();

function externalSettings(inj: WorkloadInjection, revision: string): InjectionSettings {
  let byRevision = externalCache.get(inj);
  if (!byRevision) externalCache.set(inj, (byRevision = new Map()));
  let settings = byRevision.get(revision);
  if (!settings) {
    settings = buildInjectionSettings({
      ...inj.overrides,
      revision: revision === DEFAULT_REVISION ? inj.overrides?.revision : revision,
      nativeSidecars: inj.nativeSidecars,
    });
    byRevision.set(revision, settings);
  }
  return settings;
}

/**
 * The webhook re-injects pods that already carry a sidecar (it replaces the rendered proxy), so a
 * pre-injected pod template opts out of it with `sidecar.istio.io/inject: "false"`, set after injection.
 */
function optOutOfWebhook(object: KubeObject): void {
  const template = podTemplateOf(object);
  if (!template) return;
  const metadata = (template.metadata ??= {});
  if (!isRecord(metadata)) return;
  metadata.labels = { ...(isRecord(metadata.labels) ? metadata.labels : {}), [SIDECAR_INJECT_LABEL]: 'false' };
}
