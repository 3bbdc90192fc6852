import { describeObject } from '../../../k8s/object';
import { finding, type Rule } from '../../rule';
import { missingWebhookService } from '../injection/revisions';

/** The name base's chart gives its default-revision validation webhook. */
const DEFAULT_VALIDATOR = 'istiod-default-validator';

export const defaultValidatorWithoutService: Rule = {
  code: 'CDK8SI040',
  level: 'error',
  title: 'default validator targets a missing service',
  explanation: "base's default validation webhook (istiod-default-validator) calls an istiod Service that is not in the input",
  fix: "set IstioBase's defaultRevision (or the `default` revision tag) to a revision whose istiod is in the input",
  check(index) {
    if (!index.hasControlPlane()) return [];
    return index
      .byKind('ValidatingWebhookConfiguration')
      .filter((entry) => entry.object.metadata.name === DEFAULT_VALIDATOR)
      .flatMap((entry) => {
        const missing = missingWebhookService(index, entry);
        if (!missing) return [];
        return [
          finding(
            this,
            `${describeObject(entry.object)} sends every Istio resource to Service ${missing}, ` +
              'which is not in the input, so validation fails or is skipped cluster-wide; set defaultRevision to a revision ' +
              'whose istiod is in the input',
            entry,
          ),
        ];
      });
  },
};
