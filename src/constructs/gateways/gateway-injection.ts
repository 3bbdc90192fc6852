import { type IConstruct } from 'constructs';
import { INJECTION_LABEL, REVISION_LABEL } from '../../model/injection-mode';
import { namespaceOverrule } from '../namespace-injection';

/**
 * Problems of the injection a gateway chart's pods need: they run image `auto` with the pod labels
 * `sidecar.istio.io/inject=true` (and `istio.io/rev` for `values.revision`), so only a webhook makes them runnable.
 * In a namespace whose labels select no webhook they never start; in one whose labels select another revision,
 * that revision's webhook injects them and `values.revision` has no effect. `what` names the gateway.
 */
export function gatewayInjectionErrors(scope: IConstruct, what: string, namespace: string, revision: string | undefined): string[] {
  const overrule = namespaceOverrule(scope, namespace, revision);
  if (!overrule) return [];
  const path = overrule.declaredBy;
  if (overrule.kind !== 'revision') {
    const fix =
      overrule.kind === 'skipped'
        ? 'run the gateway in another namespace'
        : path
          ? `remove the ${INJECTION_LABEL} label from ${path} (or set it to enabled), or run the gateway in another namespace`
          : "set the namespace's injection to InjectionMode.none() (the gateway's pods opt in by their own label), or run the gateway in another namespace";
    return [
      `${what}: ${overrule.namespace}, so no injection webhook fills in the gateway's pods (istio-proxy image 'auto') ` +
        `and they never start: ${fix}`,
    ];
  }
  const relabel = path
    ? `label ${path} ${REVISION_LABEL}=${revision} without ${INJECTION_LABEL}, or remove both labels`
    : `set the namespace's injection to InjectionMode.revision('${revision}') or InjectionMode.none()`;
  return [
    `${what}: ${overrule.namespace}, and istio's webhooks let the namespace's label decide before the pods' ` +
      `${REVISION_LABEL}, so values.revision '${revision}' has no effect: ${relabel}, or drop values.revision`,
  ];
}
