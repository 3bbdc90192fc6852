import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { REVISION_LABEL, SIDECAR_INJECT_LABEL } from '../model/injection-mode';
import { describeValue, dns1123LabelError } from '../model/names';
import { MeshNamespace } from './mesh-namespace';
import { type PreInjection, type PreInjectionOptions, PreInjector, preInjection } from './pre-injection';
import { missingRevisionError } from './revisions';

/**
 * Pod-template annotation that sums up the injection settings (namespace mode and workload mode).
 * Pods get a sidecar only when they are created, so any change of these settings changes the pod
 * template through this annotation and makes the workload roll its pods.
 */
export const INJECTION_SUMMARY_ANNOTATION = 'mesh.cdk8s-istio.dev/injection';

/** Sidecar from the webhook at pod creation: pod label `sidecar.istio.io/inject: "true"`. */
export interface WebhookInjection {
  readonly kind: 'webhook';
  /** Control-plane revision for the pod (pod label `istio.io/rev`); undefined follows the namespace. */
  readonly revision?: string;
  /** The revision's Istiod lives outside this app. */
  readonly external: boolean;
}

/** No sidecar, even in an injecting namespace: pod label `sidecar.istio.io/inject: "false"`. */
export interface DisabledInjection {
  readonly kind: 'disabled';
}

/** How a workload's pods get their data plane. Build one with `WorkloadInjection.*`. */
export type WorkloadInjection = WebhookInjection | DisabledInjection | PreInjection;

export interface WebhookInjectionOptions {
  /**
   * Pick a control-plane revision for these pods (pod label `istio.io/rev`). Istio honours it only in
   * namespaces without an injection label (InjectionMode.none() or ambient()).
   * @default - the namespace's revision, or the default revision
   */
  readonly revision?: string;
  /**
   * The revision's Istiod is installed outside this app, so synth does not look for it.
   * @default false
   */
  readonly external?: boolean;
}

export const WorkloadInjection = {
  /** The sidecar injector adds the sidecar when pods are created. */
  webhook(options: WebhookInjectionOptions = {}): WorkloadInjection {
    return { kind: 'webhook', revision: options.revision, external: options.external === true };
  },
  /** Pods opt out of injection. */
  disabled(): WorkloadInjection {
    return { kind: 'disabled' };
  },
  /**
   * The sidecar is rendered at synth by the injection engine (equal to `cdk8s-istio inject` and Istio 1.30.3's
   * injector) with the values of the app's Istiod, so review shows exactly what will run. The pod template also
   * gets `sidecar.istio.io/inject: "false"`, because the webhook would otherwise inject it a second time.
   */
  preInjected(options: PreInjectionOptions = {}): WorkloadInjection {
    return preInjection(options);
  },
};

export interface MeshWorkloadProps {
  /**
   * How the workload's pods get their data plane.
   * @default WorkloadInjection.webhook()
   */
  readonly injection?: WorkloadInjection;
}

/**
 * Mesh settings of a cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, CronJob): the injection
 * pod label and the summary annotation that rolls the pods when injection settings change.
 * Add it as a child of the workload, or use `addToMesh(workload)`.
 */
export class MeshWorkload extends Construct {
  /** The MeshWorkload children of a workload (normally at most one). */
  public static of(workload: kplus.Workload): MeshWorkload[] {
    return workload.node.children.filter((c): c is MeshWorkload => c instanceof MeshWorkload);
  }

  public readonly workload: kplus.Workload;
  public readonly injection: WorkloadInjection;

  constructor(workload: kplus.Workload, id: string, props: MeshWorkloadProps = {}) {
    super(workload, id);
    this.workload = workload;
    this.injection = props.injection ?? WorkloadInjection.webhook();
    const problems: string[] = [];
    if (workload instanceof kplus.Workload) {
      problems.push(...this.applyLabels(workload.podMetadata));
      if (this.injection?.kind === 'pre-injected') {
        const injector = new PreInjector(workload, this.injection, () => this.meshNamespace?.injection.injectingRevision);
        this.node.addValidation({ validate: () => injector.validate() });
      }
    } else {
      problems.push(
        `mesh workload target must be a cdk8s-plus-27 workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), got ${describeValue(workload)}`,
      );
    }
    this.node.addValidation({ validate: () => [...problems, ...this.problems()] });
  }

  /** The workload's namespace (cdk8s fills in the chart's); undefined when neither is set. */
  public get namespace(): string | undefined {
    return this.workload.metadata.namespace;
  }

  /** The MeshNamespace of this app that declares the workload's namespace, if any. */
  public get meshNamespace(): MeshNamespace | undefined {
    const ns = this.namespace;
    return ns === undefined ? undefined : MeshNamespace.findAll(this, ns)[0];
  }

  /** Readable summary of the injection settings, e.g. `namespace=sidecar workload=webhook`. */
  public get summary(): string {
    const ns = this.meshNamespace;
    return `namespace=${ns ? ns.injection.toString() : 'unmanaged'} workload=${describeInjection(this.injection)}`;
  }

  private applyLabels(podMetadata: kplus.Workload['podMetadata']): string[] {
    const inj = this.injection;
    if (!isWorkloadInjection(inj)) return [];
    // Pre-injected templates get their opt-out label after injection (the engine would skip them otherwise).
    const wanted: Record<string, string> =
      inj.kind === 'pre-injected' ? {} : { [SIDECAR_INJECT_LABEL]: inj.kind === 'webhook' ? 'true' : 'false' };
    if (inj.kind === 'webhook' && inj.revision !== undefined) wanted[REVISION_LABEL] = inj.revision;
    const problems: string[] = [];
    for (const [key, value] of Object.entries(wanted)) {
      const existing = podMetadata.getLabel(key);
      if (existing !== undefined && existing !== value) {
        problems.push(
          `pod label ${key}=${describeValue(existing)} contradicts the injection (${key}='${value}'): ` +
            'remove the label from podMetadata and set injection instead',
        );
      }
      podMetadata.addLabel(key, value);
    }
    // Lazy: the namespace may be declared after the workload; the summary is computed at synth.
    // A pre-injected template changes by itself when its sidecar does, so it needs no summary.
    if (inj.kind !== 'pre-injected') podMetadata.addAnnotation(INJECTION_SUMMARY_ANNOTATION, Lazy.any({ produce: () => this.summary }));
    return problems;
  }

  private problems(): string[] {
    const inj = this.injection;
    if (!(this.workload instanceof kplus.Workload)) return []; // reported by the constructor
    if (!isWorkloadInjection(inj)) {
      return [
        `injection must be a WorkloadInjection, got ${describeValue(inj)}: use WorkloadInjection.webhook(), preInjected() or disabled()`,
      ];
    }
    const errors: string[] = [];
    const siblings = MeshWorkload.of(this.workload);
    if (siblings[0] !== undefined && siblings[0] !== this) {
      errors.push(`workload already has mesh settings at ${siblings[0].node.path}: use one MeshWorkload per workload`);
    }
    if (inj.kind !== 'webhook') return errors;
    if (inj.revision !== undefined) {
      const nameError = dns1123LabelError(inj.revision, 'revision');
      if (nameError) errors.push(nameError);
      else if (!inj.external) {
        const missing = missingRevisionError(
          this,
          inj.revision,
          `WorkloadInjection.webhook({ revision: '${inj.revision}', external: true })`,
        );
        if (missing) errors.push(missing);
      }
    }
    errors.push(...this.namespaceConflicts(inj));
    return errors;
  }

  /** Pod labels that Istio's webhook selectors would ignore because of the namespace's labels. */
  private namespaceConflicts(inj: WebhookInjection): string[] {
    const ns = this.meshNamespace;
    if (!ns || !ns.injection || typeof ns.injection.kind !== 'string') return [];
    const mode = ns.injection;
    if (mode.kind === 'disabled') {
      return [
        `namespace '${ns.name}' has injection disabled (istio-injection=disabled), so istio ignores the pod label ` +
          `${SIDECAR_INJECT_LABEL}=true: set the namespace's injection to InjectionMode.sidecar() or none(), or use WorkloadInjection.disabled()`,
      ];
    }
    const nsRevision = mode.injectingRevision;
    if (inj.revision !== undefined && nsRevision !== undefined && nsRevision !== inj.revision) {
      return [
        `namespace '${ns.name}' injects revision '${nsRevision}' (${mode.toString()}), so istio ignores the pod's revision ` +
          `'${inj.revision}': drop the workload's revision or set the namespace's injection to InjectionMode.none()`,
      ];
    }
    return [];
  }
}

/** Puts a cdk8s-plus workload in the mesh (`new MeshWorkload(workload, 'Mesh', { injection })`). */
export function addToMesh(workload: kplus.Workload, injection: WorkloadInjection = WorkloadInjection.webhook()): MeshWorkload {
  return new MeshWorkload(workload, 'Mesh', { injection });
}

function isWorkloadInjection(value: unknown): value is WorkloadInjection {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return typeof value === 'object' && value !== null && (kind === 'webhook' || kind === 'disabled' || kind === 'pre-injected');
}

function describeInjection(injection: WorkloadInjection): string {
  if (injection.kind === 'webhook' && injection.revision !== undefined) return `webhook/${injection.revision}`;
  if (injection.kind === 'pre-injected') {
    const revision = injection.istiod ? injection.istiod.revision : injection.revision;
    return revision ? `pre-injected/${revision}` : 'pre-injected';
  }
  return injection.kind;
}
