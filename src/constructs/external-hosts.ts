import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { UserError } from '../errors';
import { externalHostProblem, EXTERNAL_HOSTS_ANNOTATION, formatExternalHosts } from '../model/external-hosts';
import { patchPodTemplate } from './pod-template-patch';
import { describeTarget, EXPECTED_WORKLOAD, isConstruct, type IWorkload, type KubeTarget, workloadOf } from './workload-target';

const ID = 'ExternalHosts';

/**
 * The hosts outside the cluster a workload calls, written to its pod template as the annotation
 * `mesh.cdk8s-istio.dev/external-hosts`; the REGISTRY_ONLY check reads it. Use `declareExternalHosts()`.
 */
class ExternalHosts extends Construct {
  public readonly hosts = new Set<string>();
  private patchProblems?: string[];

  constructor(
    workload: IWorkload,
    private readonly target: KubeTarget | undefined,
  ) {
    super(workload, ID);
    target?.podMetadata?.addAnnotation(EXTERNAL_HOSTS_ANNOTATION, Lazy.any({ produce: () => formatExternalHosts([...this.hosts]) }));
    this.node.addValidation({ validate: () => this.problems(workload) });
  }

  private problems(workload: IWorkload): string[] {
    if (!this.target) return [`declareExternalHosts: expected ${EXPECTED_WORKLOAD}, got ${describeTarget(workload)}`];
    const problems = [...this.hosts].map(externalHostProblem).filter((p): p is string => !!p);
    if (problems.length > 0 || this.target.podMetadata) return problems;
    // A plain ApiObject: patch its pod template once, when the tree is complete (as MeshWorkload does).
    this.patchProblems ??= patchPodTemplate(this.target, {}, { [EXTERNAL_HOSTS_ANNOTATION]: formatExternalHosts([...this.hosts]) });
    return this.patchProblems;
  }
}

/**
 * Declares the hosts outside the cluster that `workload` calls (e.g. ['api.stripe.com']). With
 * `meshConfig.outboundTrafficPolicy.mode: REGISTRY_ONLY`, analysis reports each declared host that no ServiceEntry
 * lists; calling it again adds hosts.
 */
export function declareExternalHosts(workload: IWorkload, hosts: readonly string[]): void {
  if (!isConstruct(workload)) throw new UserError(`declareExternalHosts: expected ${EXPECTED_WORKLOAD}, got ${describeTarget(workload)}`);
  const existing = workload.node.tryFindChild(ID) as ExternalHosts | undefined;
  const holder = existing ?? new ExternalHosts(workload, workloadOf(workload));
  for (const h of hosts) holder.hosts.add(h);
}
