/** Kubernetes label selectors (matchLabels and matchExpressions), for the injector's never/always selectors. */
import { isRecord } from '../k8s/object';

/** True when the selector has requirements and the labels meet all of them (an empty selector matches nothing here). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isRecord) : [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== String(v)) return false;
  return expressions.every((e) => {
    const key = String(e.key ?? '');
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (e.operator) {
      case 'In': return has && values.includes(labels[key]);
      case 'NotIn': return !has || !values.includes(labels[key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}
