import { isRecord } from './object';

/**
 * True when a Kubernetes LabelSelector (matchLabels and matchExpressions) selects `labels`.
 * An absent selector selects everything, as admission webhooks treat it; a malformed one selects nothing.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined || selector === null) return true;
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== String(v)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e: unknown) => isRecord(e) && expressionMatches(e, labels));
}

function expressionMatches(e: Record<string, unknown>, labels: Readonly<Record<string, string>>): boolean {
  const key = String(e.key);
  const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (e.operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
