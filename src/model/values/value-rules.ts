/** The value rules several charts' validators share (base, istiod, istio-cni, ztunnel, gateway), with their messages. */
import { ISTIO_PROFILES } from './base-values';
import {
  isBoolean,
  isImageHub,
  isImageTag,
  isObject,
  isObjectArray,
  isOneOf,
  isResources,
  isRevisionName,
  isString,
  isStringArray,
  isStringMap,
  type ValueRule,
} from './checks';

export const PROFILE: ValueRule = {
  path: 'profile',
  accepts: isOneOf(ISTIO_PROFILES),
  expected: `one of ${ISTIO_PROFILES.join(', ')}`,
  fix: 'pick a profile the charts ship, or leave it unset',
};

/** The namespace istiod runs in; spread with a `path`. */
export const ISTIOD_NAMESPACE = {
  accepts: isRevisionName,
  expected: "a namespace name (lowercase letters, digits, '-')",
  fix: 'use the namespace istiod runs in',
};

/** Which resources a chart renders (`resourceScope`); spread with a `path`. */
export const RESOURCE_SCOPE = {
  accepts: isOneOf(['all', 'cluster', 'namespace']),
  expected: 'one of all, cluster, namespace',
  fix: 'pick one of them',
};

export const bool = (path: string): ValueRule => ({ path, accepts: isBoolean, expected: 'true or false', fix: 'use a boolean' });
export const str = (path: string, fix = 'use a string'): ValueRule => ({ path, accepts: isString, expected: 'a string', fix });
export const stringMap = (path: string, fix: string): ValueRule => ({ path, accepts: isStringMap, expected: 'a map of strings', fix });
/** An object written as in a Pod spec, e.g. `what` = 'an affinity object'. */
export const object = (path: string, what: string): ValueRule => ({
  path,
  accepts: isObject,
  expected: what,
  fix: 'write it as in a Pod spec',
});
/** A list of objects written as in a Pod spec, e.g. `what` = 'tolerations'. */
export const objects = (path: string, what: string): ValueRule => ({
  path,
  accepts: isObjectArray,
  expected: `a list of ${what}`,
  fix: 'write them as in a Pod spec',
});
export const oneOf = (path: string, allowed: readonly string[]): ValueRule => ({
  path,
  accepts: isOneOf(allowed),
  expected: `one of ${allowed.map((a) => (a === '' ? "''" : a)).join(', ')}`,
  fix: 'pick one of them',
});
export const secretNames = (path: string): ValueRule => ({
  path,
  accepts: isStringArray,
  expected: 'a list of secret names',
  fix: 'list secret names as strings',
});
export const hub = (path: string): ValueRule => ({
  path,
  accepts: isImageHub,
  expected: 'a registry path without scheme, tag or trailing slash',
  fix: "use e.g. 'docker.io/istio' (the default) or 'my-registry.example:5000/istio'",
});
export const tag = (path: string): ValueRule => ({
  path,
  accepts: isImageTag,
  expected: 'an image tag',
  fix: "use a release tag such as '1.30.3' (the default)",
});
export const resources = (path: string): ValueRule => ({
  path,
  accepts: isResources,
  expected: '{ requests?, limits? } of Kubernetes quantities',
  fix: "write quantities such as '500m' or '2Gi'",
});
