/**
 * True when a Kubernetes LabelSelector (matchLabels and matchExpressions) selects `labels`.
 * An absent selector selects everything, as admission webhooks treat it; a malformed one selects nothing.
 * In the model so that namespace admission (model/traffic/namespace-admission.ts) and the engine share one matcher.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined || selector === null) return true;
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== String(v)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e: unknown) => isRecord(e) && expressionMatches(e, labels));
}

/** The label keys a selector reads (matchLabels and matchExpressions). */
export function labelSelectorKeys(selector: unknown): string[] {
  if (!isRecord(selector)) return [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return [
    ...Object.keys(isRecord(selector.matchLabels) ? selector.matchLabels : {}),
    ...expressions.map((e: unknown) => (isRecord(e) ? String(e.key) : '')),
  ];
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
