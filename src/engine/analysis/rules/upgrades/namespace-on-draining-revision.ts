import { finding, type Rule } from '../../rule';
import { REVISION_LABEL } from '../../mesh';
import { revisionTags } from '../injection/revisions';
import { istiodOf, isDraining, servingRevision } from './revisions';

export const namespaceOnDrainingRevision: Rule = {
  code: 'CDK8SI042',
  level: 'warning',
  title: 'namespace or tag on a revision being removed',
  explanation: 'a namespace or revision tag still uses a revision whose istiod is marked draining (Istiod `draining: true`)',
  fix: 'move the namespace or tag to another revision before removing the draining one',
  check(index) {
    const draining = (revision: string | undefined) => {
      const istiod = revision === undefined ? undefined : istiodOf(index, revision);
      return istiod && isDraining(istiod) ? istiod : undefined;
    };
    const namespaces = index.namespaceNames().flatMap((name) => {
      const revision = servingRevision(index, name);
      const istiod = draining(revision);
      const entry = index.namespace(name);
      if (!istiod || !entry) return [];
      const via = index.namespaceLabels(name)[REVISION_LABEL];
      const how = via !== undefined && via !== revision ? ` through tag '${via}'` : '';
      return [
        finding(
          this,
          `namespace '${name}' still uses revision '${revision}'${how}, which is being removed; ` +
            'move it to another revision (or move the tag) before removing it',
          entry,
          istiod,
        ),
      ];
    });
    const tags = revisionTags(index).flatMap((t) => {
      const istiod = draining(t.revision);
      return istiod
        ? [
            finding(
              this,
              `tag '${t.tag}' still points at revision '${t.revision}', which is being removed; move the tag first`,
              t.entry,
              istiod,
            ),
          ]
        : [];
    });
    return [...namespaces, ...tags];
  },
};
