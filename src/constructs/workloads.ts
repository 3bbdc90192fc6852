import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { meshAppOf } from '../core/output-plan';
import { addSynthWarning } from '../core/warnings';
import { brand, hasBrand } from '../model/brand';
import { UserError } from '../errors';
import { INJECTION_LABEL, REVISION_LABEL, SIDECAR_INJECT_LABEL } from '../model/injection-mode';
import { describeValue, dns1123LabelError } from '../model/names';
import { MeshNamespace } from './mesh-namespace';
import { namespaceOverrule } from './namespace-injection';
import { patchPodTemplate, podTemplateLabels } from './pod-template-patch';
import { PreInjector } from './pre-injection';
import { missingRevisionError } from './revisions';
import { WorkloadInjection } from './workload-injection';
import {
  describeTarget,
  EXPECTED_WORKLOAD,
  isConstruct,
  type IWorkload,
  type KubeTarget,
  resolvedObject,
  workloadOf,
} from './workload-target';

export { WorkloadInjection } from './workload-injection';
export type { PreInjectionOptions, WebhookInjectionOptions, WorkloadInjectionKind } from './workload-injection';
export type { IPodMetadata, IWorkload } from './workload-target';

/**
 * Pod-template annotation that sums up the injection settings (namespace mode and workload mode).
 * Pods get a sidecar only when they are created, so any change of these settings changes the pod
 * template through this annotation and makes the workload roll its pods. Jobs and CronJobs carry it on their own
 * metadata instead (see SUMMARY_ON_OWN_METADATA).
 */
export const INJECTION_SUMMARY_ANNOTATION = 'mesh.cdk8s-istio.dev/injection';

/**
 * Kinds that keep the summary on their own metadata, never on the pod template: a Job's template is immutable (an
 * apply that changes it fails with "field is immutable", so relabeling a namespace would break every Job in it),
 * and a CronJob's runs make new pods that the webhook of the day injects anyway: neither can be rolled.
 */
const SUMMARY_ON_OWN_METADATA: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * A Job's pod template is immutable, and a pre-injected one holds the proxy (image, mesh config, injection values),
 * so the next Istio upgrade or injection change makes its apply fail. A CronJob's job template may change: each run
 * takes the one of the day.
 */
const PRE_INJECTED_JOB_WARNING =
  'this pre-injected Job holds the rendered sidecar in its pod template, which Kubernetes never lets change, so the ' +
  'apply after the next proxy change (Istio upgrade, mesh or injection values) fails with "field is immutable": have it ' +
  'recreated on change (annotation argocd.argoproj.io/sync-options: Force=true,Replace=true for Argo CD, ' +
  'kustomize.toolkit.fluxcd.io/force: enabled for Flux), or put the Istio version in its name, or use ' +
  'WorkloadInjection.webhook()';

export interface MeshWorkloadProps {
  /**
   * How the workload's pods get their data plane.
   * @default WorkloadInjection.webhook()
   */
  readonly injection?: WorkloadInjection;
}

/**
 * Mesh settings of a workload: the injection pod label and the summary annotation that rolls the pods when
 * injection settings change. The workload is a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or CronJob (of any
 * major from 27), or an ApiObject of one of those kinds, whose pod template gets JSON patches at synth.
 * Add it as a child of the workload, or use `addToMesh(workload)`.
 */
export class MeshWorkload extends Construct {
  /** Whether `value` is a MeshWorkload (of any copy of this library). */
  public static isMeshWorkload(value: unknown): value is MeshWorkload {
    return hasBrand(value, 'MeshWorkload');
  }

  static {
    brand(MeshWorkload, 'MeshWorkload');
  }

  /** The MeshWorkload children of a workload (normally at most one). */
  public static of(workload: IWorkload): MeshWorkload[] {
    return workload.node.children.filter((c): c is MeshWorkload => MeshWorkload.isMeshWorkload(c));
  }

  public readonly workload: IWorkload;
  public readonly injection: WorkloadInjection;
  /** The recognised workload; undefined when the target is not one (reported at synth). */
  private readonly target?: KubeTarget;
  /** Problems of the patches of a plain ApiObject, once they are added (at the first validation). */
  private patchProblems?: string[];

  constructor(workload: IWorkload, id: string, props: MeshWorkloadProps = {}) {
    if (!isConstruct(workload)) throw new UserError(`MeshWorkload: expected ${EXPECTED_WORKLOAD}, got ${describeTarget(workload)}`);
    super(workload, id);
    this.workload = workload;
    this.injection = props?.injection ?? WorkloadInjection.webhook();
    this.target = workloadOf(workload);
    const valid = WorkloadInjection.isWorkloadInjection(this.injection);
    const problems: string[] = [];
    if (!this.target) {
      problems.push(`expected ${EXPECTED_WORKLOAD}, got ${describeTarget(workload)}: pass the workload that runs the pods`);
    } else if (valid) {
      if (this.target.podMetadata) problems.push(...this.labelPodMetadata(this.target.podMetadata));
      if (this.summaryPlace() === 'own') this.target.apiObject.metadata.addAnnotation(INJECTION_SUMMARY_ANNOTATION, this.lazySummary());
    }
    const injector =
      this.target && valid && this.injection.kind === 'pre-injected'
        ? new PreInjector(
            this,
            'PreInjection',
            this.target.apiObject,
            this.injection,
            () => this.meshNamespace?.injection.injectingRevision,
          )
        : undefined;
    if (injector && this.target?.apiObject.kind === 'Job') addSynthWarning(workload, PRE_INJECTED_JOB_WARNING);
    this.node.addValidation({
      validate: () => {
        const errors = [...problems, ...this.problems()];
        if (errors.length > 0 || !this.target) return errors;
        if (!this.target.podMetadata) errors.push(...this.patchOnce(this.target));
        if (injector) errors.push(...(meshAppOf(this) ? injector.validate() : [NOT_A_MESH_APP]));
        return errors;
      },
    });
  }

  /** The workload's namespace (cdk8s fills in the chart's); undefined when neither is set. */
  public get namespace(): string | undefined {
    return this.target?.apiObject.metadata.namespace;
  }

  /** The MeshNamespace of this app that declares the workload's namespace, if any. */
  public get meshNamespace(): MeshNamespace | undefined {
    const ns = this.namespace;
    return ns === undefined ? undefined : MeshNamespace.findAll(this, ns)[0];
  }

  /** Readable summary of the injection settings, e.g. `namespace=sidecar workload=webhook`. */
  public get summary(): string {
    const ns = this.meshNamespace;
    return `namespace=${ns ? ns.injection.toString() : 'unmanaged'} workload=${this.injection.toString()}`;
  }

  /** The pod labels the injection sets; pre-injected templates get theirs after injection (the engine would skip them). */
  private wantedLabels(): Record<string, string> {
    const inj = this.injection;
    if (inj.kind === 'pre-injected') return {};
    const wanted: Record<string, string> = { [SIDECAR_INJECT_LABEL]: inj.kind === 'webhook' ? 'true' : 'false' };
    if (inj.kind === 'webhook' && inj.revision !== undefined) wanted[REVISION_LABEL] = inj.revision;
    return wanted;
  }

  private labelPodMetadata(podMetadata: NonNullable<KubeTarget['podMetadata']>): string[] {
    const wanted = this.wantedLabels();
    const problems = contradictions(wanted, (key) => podMetadata.getLabel(key), 'podMetadata');
    for (const [key, value] of Object.entries(wanted)) podMetadata.addLabel(key, value);
    if (this.summaryPlace() === 'template') podMetadata.addAnnotation(INJECTION_SUMMARY_ANNOTATION, this.lazySummary());
    return problems;
  }

  /**
   * Where the summary goes: nowhere for a pre-injected template (it changes by itself when its sidecar does), the
   * workload's own metadata for the kinds of SUMMARY_ON_OWN_METADATA, else the pod template.
   */
  private summaryPlace(): 'none' | 'own' | 'template' {
    if (this.injection.kind === 'pre-injected' || !this.target) return 'none';
    return SUMMARY_ON_OWN_METADATA.has(this.target.apiObject.kind) ? 'own' : 'template';
  }

  /** The summary as a cdk8s token resolved at synth: the namespace may be declared after the workload. */
  private lazySummary(): string {
    return Lazy.any({ produce: () => this.summary });
  }

  /**
   * Adds the labels and the summary to a plain ApiObject's pod template, once: cdk8s validates every construct before
   * it resolves any object, and only then is the tree complete (namespace, existing labels) and the patches known.
   */
  private patchOnce(target: KubeTarget): string[] {
    if (this.patchProblems) return this.patchProblems;
    const object = resolvedObject(target);
    const existing = podTemplateLabels(object);
    const wanted = this.wantedLabels();
    const problems = contradictions(wanted, (key) => existing[key], `the pod template's labels`);
    const annotations: Record<string, string> = this.summaryPlace() === 'template' ? { [INJECTION_SUMMARY_ANNOTATION]: this.summary } : {};
    problems.push(...patchPodTemplate(target, wanted, annotations, object));
    return (this.patchProblems = problems);
  }

  private problems(): string[] {
    const inj = this.injection;
    if (!this.target) return []; // reported by the constructor
    if (!WorkloadInjection.isWorkloadInjection(inj)) {
      return [
        `injection must be a WorkloadInjection, got ${describeValue(inj)}: use WorkloadInjection.webhook(), preInjected() or disabled()`,
      ];
    }
    const errors = inj.validate();
    const siblings = MeshWorkload.of(this.workload);
    if (siblings[0] !== undefined && siblings[0] !== this) {
      errors.push(`workload already has mesh settings at ${siblings[0].node.path}: use one MeshWorkload per workload`);
    }
    if (inj.kind !== 'webhook') return errors;
    if (inj.revision !== undefined && !inj.external && !dns1123LabelError(inj.revision, 'revision')) {
      const hint = `WorkloadInjection.webhook({ revision: '${inj.revision}', external: true })`;
      const missing = missingRevisionError(this, inj.revision, hint);
      if (missing) errors.push(missing);
    }
    errors.push(...this.namespaceConflicts(inj));
    return errors;
  }

  /** Pod labels that Istio's webhook selectors would ignore because of the namespace's labels (or name). */
  private namespaceConflicts(inj: WorkloadInjection): string[] {
    const ns = this.namespace;
    const overrule = ns === undefined ? undefined : namespaceOverrule(this, ns, inj.revision);
    if (!overrule) return [];
    if (overrule.kind !== 'revision') {
      const fix =
        overrule.kind === 'skipped'
          ? 'run the workload in another namespace'
          : overrule.declaredBy
            ? `remove the ${INJECTION_LABEL} label from ${overrule.declaredBy} (or set it to enabled)`
            : "set the namespace's injection to InjectionMode.sidecar() or none()";
      return [
        `${overrule.namespace}, so istio ignores the pod label ${SIDECAR_INJECT_LABEL}=true: ${fix}, or use WorkloadInjection.disabled()`,
      ];
    }
    const none = overrule.declaredBy
      ? `remove ${INJECTION_LABEL} and ${REVISION_LABEL} from the labels of ${overrule.declaredBy}`
      : "set the namespace's injection to InjectionMode.none()";
    return [`${overrule.namespace}, so istio ignores the pod's revision '${inj.revision}': drop the workload's revision or ${none}`];
  }
}

const NOT_A_MESH_APP =
  'pre-injection runs in MeshApp.synth(), and this app is a plain cdk8s App, whose synth would write the workload ' +
  'without its sidecar: create the app with new MeshApp() (or use WorkloadInjection.webhook())';

/** Puts a workload in the mesh (`new MeshWorkload(workload, 'Mesh', { injection })`); see MeshWorkload for what it takes. */
export function addToMesh(workload: IWorkload, injection: WorkloadInjection = WorkloadInjection.webhook()): MeshWorkload {
  if (!isConstruct(workload)) throw new UserError(`addToMesh: expected ${EXPECTED_WORKLOAD}, got ${describeTarget(workload)}`);
  return new MeshWorkload(workload, 'Mesh', { injection });
}

/** The wanted labels that `existing` already sets to another value. */
function contradictions(wanted: Record<string, string>, existing: (key: string) => unknown, where: string): string[] {
  return Object.entries(wanted).flatMap(([key, value]) => {
    const found = existing(key);
    if (found === undefined || found === value) return [];
    return [
      `pod label ${key}=${describeValue(found)} contradicts the injection (${key}='${value}'): ` +
        `remove the label from ${where} and set injection instead`,
    ];
  });
}
