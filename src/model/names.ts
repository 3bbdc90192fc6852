/** Kubernetes name and label syntax checks. Each returns a lower-case message (value, rule, fix) or undefined. */
import { shortValue } from './printable';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Shows a value of any type in a message: strings quoted, everything else by its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${shortValue(value)}'`;
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (Array.isArray(value)) return 'an array';
  const ctor = (value as object).constructor?.name;
  return ctor && ctor !== 'Object' ? `a ${ctor}` : 'an object';
}

/** A namespace name, a revision, a port name: at most 63 characters of [a-z0-9-], alphanumeric at both ends. */
export function dns1123LabelError(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string, got ${describeValue(value)}`;
  if (value.length <= 63 && DNS1123_LABEL.test(value)) return undefined;
  return (
    `${what} ${describeValue(value)} is not a valid dns-1123 label: use at most 63 lower-case letters, digits ` +
    `and '-', starting and ending with a letter or digit (e.g. '${suggestLabel(value)}')`
  );
}

/** Whether `value` is a dns-1123 subdomain: at most 253 characters, dot-separated dns-1123 labels. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** An object name: at most 253 characters, dot-separated dns-1123 labels. */
export function dns1123SubdomainError(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string, got ${describeValue(value)}`;
  if (isDns1123Subdomain(value)) return undefined;
  return (
    `${what} ${describeValue(value)} is not a valid dns-1123 subdomain: use at most 253 lower-case letters, digits, ` +
    `'-' and '.', starting and ending with a letter or digit (e.g. '${suggestLabel(value)}')`
  );
}

/** A label key: an optional dns-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyError(key: string, what: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefixOk = prefix === undefined || isDns1123Subdomain(prefix);
  if (prefixOk && name.length <= 63 && LABEL_NAME.test(name)) return undefined;
  return (
    `${what} key '${key}' is not a valid label key: use an optional dns-1123 prefix and '/', then at most 63 ` +
    `letters, digits, '-', '_' or '.', starting and ending with a letter or digit (e.g. 'app.example.com/tier')`
  );
}

/** A label value: empty, or at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends. */
export function labelValueError(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string, got ${describeValue(value)}`;
  if (value === '' || (value.length <= 63 && LABEL_NAME.test(value))) return undefined;
  return (
    `${what} ${describeValue(value)} is not a valid label value: use at most 63 letters, digits, '-', '_' or '.', ` +
    'starting and ending with a letter or digit'
  );
}

/** Every problem of a label map (keys and values), each prefixed with `what`. */
export function labelMapErrors(labels: unknown, what: string): string[] {
  if (labels === undefined) return [];
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    return [`${what}s must be an object of string keys and values, got ${describeValue(labels)}`];
  }
  const errors: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const keyError = labelKeyError(key, what);
    if (keyError) errors.push(keyError);
    const valueError = labelValueError(value, `${what} '${key}' value`);
    if (valueError) errors.push(valueError);
  }
  return errors;
}

/** Every problem of an annotation map: keys follow the label key rules, values are any strings. */
export function annotationMapErrors(annotations: unknown, what: string): string[] {
  if (annotations === undefined) return [];
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
    return [`${what}s must be an object of string keys and values, got ${describeValue(annotations)}`];
  }
  const errors: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    const keyError = labelKeyError(key, what);
    if (keyError) errors.push(keyError);
    if (typeof value !== 'string') errors.push(`${what} '${key}' value must be a string, got ${describeValue(value)}`);
  }
  return errors;
}

/** The nearest valid label for an example in a message: lower case, other characters turned into '-'. */
function suggestLabel(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned || 'my-name';
}
