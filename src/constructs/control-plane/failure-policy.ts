import { type IConstruct } from 'constructs';
import { meshAppOf } from '../../core/output-plan';

/**
 * Chart values that make the validation webhooks `failurePolicy: Fail` from the start when the app is staged for
 * GitOps (stage folders or sync waves, which every GitOps construct needs). `helm template` renders them `Ignore` and
 * istiod flips them to `Fail` at run time, so a GitOps tool would show drift forever; the stages apply the control
 * plane before any Istio resource, so failing closed from the start is safe. Read at construction time (the chart is
 * rendered then), so it follows the MeshApp's own props only. Typed values (`base.validationFailurePolicy`) override it.
 */
export function gitOpsFailurePolicy(scope: IConstruct): Record<string, unknown> | undefined {
  const app = meshAppOf(scope);
  const staged = app !== undefined && (app.layout.kind === 'stage-folders' || app.syncWaves);
  return staged ? { base: { validationFailurePolicy: 'Fail' } } : undefined;
}
