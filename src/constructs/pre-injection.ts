import { ApiObject } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { type IConstruct } from 'constructs';
import { isRecord, type KubeObject } from '../engine/k8s/object';
import { buildInjectionSettings, InjectionError, type InjectionOverrides, type InjectionSettings, injectObject } from '../engine/injection';
import { DEFAULT_REVISION, SIDECAR_INJECT_LABEL } from '../model/injection-mode';
import { type CompleteTree, completeTree, findInApp } from './app-index';
import { Istiod } from './control-plane/istiod';

/** Sidecar rendered at synth by our injection engine, so the committed YAML already holds it. */
export interface PreInjection {
  readonly kind: 'pre-injected';
  /** The control plane whose values the sidecar follows; undefined: the app's Istiod of the pod's revision. */
  readonly istiod?: Istiod;
  /** Revision to inject for when no `istiod` is given; undefined follows the namespace, then the default. */
  readonly revision?: string;
  /** The control plane is not in this app: inject with `overrides` over the pinned 1.30.3 defaults. */
  readonly external: boolean;
  readonly overrides?: InjectionOverrides;
  readonly nativeSidecars: boolean;
}

export interface PreInjectionOptions {
  /**
   * The Istiod whose values and mesh config the sidecar follows.
   * @default - the Istiod of this app with the pod's revision (the namespace's, else the default revision)
   */
  readonly istiod?: Istiod;
  /**
   * Revision of the control plane, when no `istiod` is given.
   * @default - the namespace's injecting revision, else the default revision
   */
  readonly revision?: string;
  /**
   * The control plane lives outside this app: inject with the pinned Istio 1.30.3 defaults plus `overrides`.
   * @default false - an Istiod of this app is required
   */
  readonly external?: boolean;
  /**
   * Values, `--set` entries and mesh config for an external control plane (as `cdk8s-istio inject` takes them).
   * @default - the chart defaults with images pinned to docker.io/istio 1.30.3
   */
  readonly overrides?: InjectionOverrides;
  /**
   * istio-proxy as a native sidecar (an init container with `restartPolicy: Always`), as the webhook does on
   * Kubernetes 1.33+; turn off for older clusters. The pod annotation `sidecar.istio.io/nativeSidecar` still wins.
   * @default true
   */
  readonly nativeSidecars?: boolean;
}

export function preInjection(options: PreInjectionOptions = {}): PreInjection {
  return {
    kind: 'pre-injected',
    istiod: options.istiod,
    revision: options.revision,
    external: options.external === true,
    overrides: options.overrides,
    nativeSidecars: options.nativeSidecars ?? true,
  };
}

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
 * Replaces the workload's synthesized pod template by the injected one. cdk8s-plus builds the object in
 * `toJson`, so the engine runs there, on the final object; the result is memoized per synth input.
 */
export class PreInjector {
  /** The injected object of the current synth: the tree is complete then, so the input cannot change. */
  private memo?: { readonly synth: CompleteTree; readonly output: KubeObject };

  constructor(
    private readonly workload: kplus.Workload,
    private readonly injection: PreInjection,
    private readonly namespaceRevision: () => string | undefined,
  ) {
    const api = ApiObject.of(workload);
    const render = api.toJson.bind(api);
    api.toJson = () => this.inject(render);
  }

  /** Problems that stop the injection (no control plane to follow, annotations Istio rejects). */
  public validate(): string[] {
    const settings = this.settings();
    if (typeof settings === 'string') return [settings];
    try {
      ApiObject.of(this.workload).toJson();
      return [];
    } catch (e) {
      if (e instanceof InjectionError)
        return [`pre-injection failed: ${e.message}${e.field ? ` (field ${e.field})` : ''}: fix the pod template or its annotations`];
      throw e;
    }
  }

  private inject(render: () => KubeObject): KubeObject {
    const synth = completeTree(this.workload);
    if (synth && this.memo?.synth === synth) return this.memo.output;
    const object = render();
    const settings = this.settings();
    if (typeof settings === 'string') return object; // reported by validate()
    const injected = injectObject(object, settings).object as KubeObject;
    optOutOfWebhook(injected);
    if (synth) this.memo = { synth, output: injected };
    return injected;
  }

  private settings(): InjectionSettings | string {
    const inj = this.injection;
    if (inj.istiod) return settingsOf(inj.istiod, inj.nativeSidecars);
    const revision = inj.revision ?? this.namespaceRevision() ?? DEFAULT_REVISION;
    if (inj.external) {
      return externalSettings(inj, revision);
    }
    const istiod = findIstiod(this.workload, revision);
    if (istiod) return settingsOf(istiod, inj.nativeSidecars);
    return (
      `pre-injection needs the values of istiod revision '${revision}', which is not in this app: ` +
      `add new Istiod(scope, id${revision === DEFAULT_REVISION ? '' : `, { revision: '${revision}' }`}), pass ` +
      'WorkloadInjection.preInjected({ istiod }), or use WorkloadInjection.preInjected({ external: true, overrides })'
    );
  }
}

const externalCache = new WeakMap<PreInjection, Map<string, InjectionSettings>>();

function externalSettings(inj: PreInjection, revision: string): InjectionSettings {
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

function findIstiod(scope: IConstruct, revision: string): Istiod | undefined {
  return findInApp(scope, Istiod).find((i) => (i.revision || DEFAULT_REVISION) === revision);
}

/**
 * The webhook re-injects pods that already carry a sidecar (it replaces the rendered proxy), so a
 * pre-injected pod template opts out of it with `sidecar.istio.io/inject: "false"`, set after injection.
 */
function optOutOfWebhook(object: KubeObject): void {
  const spec = object.spec;
  if (!isRecord(spec)) return;
  const template = object.kind === 'CronJob' ? spec.jobTemplate?.spec?.template : spec.template;
  if (!isRecord(template)) return;
  const metadata = (template.metadata ??= {});
  metadata.labels = { ...metadata.labels, [SIDECAR_INJECT_LABEL]: 'false' };
}
