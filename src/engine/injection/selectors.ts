/** The injector's never/always-inject selectors. */
import { labelSelectorMatches } from '../../model/label-selector';
import { isRecord } from '../k8s/object';

/** True when the selector has requirements and the labels meet all of them (an empty selector matches nothing here). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const hasLabels = isRecord(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0;
  const hasExpressions = Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0;
  return (hasLabels || hasExpressions) && labelSelectorMatches(selector, labels);
}
