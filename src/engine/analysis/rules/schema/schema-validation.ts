import { describeObject } from '../../../k8s/object';
import { type Finding, finding, type Rule } from '../../rule';
import { CrdValidator } from '../../schema/validator';

/** At most this many issues per object, so one broken object does not drown the rest. */
const MAX_ISSUES_PER_OBJECT = 10;

export const schemaValidation: Rule = {
  code: 'IST0106',
  level: 'error',
  title: 'custom resource does not match its CRD schema',
  explanation:
    "a custom resource (Istio's or any other whose CRD is in the input) breaks the openAPIV3Schema of its CRD version: the API server would reject or prune it",
  fix: 'correct the named field (spelling, type, allowed value), or use an apiVersion the CRD serves',
  check(index) {
    const crds = index.byKind('CustomResourceDefinition', 'apiextensions.k8s.io').map((e) => e.object);
    if (crds.length === 0) return [];
    const validator = new CrdValidator(crds);
    const out: Finding[] = [];
    for (const entry of index.all) {
      const issues = validator.validate(entry.object);
      for (const issue of issues.slice(0, MAX_ISSUES_PER_OBJECT)) {
        out.push(finding(this, `${describeObject(entry.object)}: ${issue.path ? `${issue.path} ` : ''}${issue.message}`, entry));
      }
      if (issues.length > MAX_ISSUES_PER_OBJECT) {
        out.push(
          finding(this, `${describeObject(entry.object)}: ${issues.length - MAX_ISSUES_PER_OBJECT} more schema issue(s) not shown`, entry),
        );
      }
    }
    return out;
  },
};
