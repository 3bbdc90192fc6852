import { type Finding, finding, type Rule } from '../../rule';
import { type AnnotationPlace, ISTIO_ANNOTATIONS } from './istio-annotations';
import { placedAnnotations } from './placed-annotations';

export const misplacedAnnotation: Rule = {
  code: 'IST0107',
  level: 'warning',
  title: 'Istio annotation on the wrong object',
  explanation:
    'an Istio annotation sits on an object Istio does not read it from (e.g. a pod annotation on a Deployment instead of its pod template)',
  fix: 'move the annotation to where it belongs (pod annotations go under spec.template.metadata.annotations)',
  check(index) {
    const out: Finding[] = [];
    for (const p of placedAnnotations(index)) {
      for (const key of Object.keys(p.annotations).sort()) {
        const places = ISTIO_ANNOTATIONS.get(key);
        if (!places || places.includes('Any') || places.includes(p.place as AnnotationPlace)) continue;
        const target =
          places.includes('Pod') && p.workloadMetadata
            ? 'the pod template (spec.template.metadata.annotations)'
            : `a ${places.join(' or ')}`;
        out.push(
          finding(
            this,
            `${p.where} has annotation ${key}, which Istio reads only from ${places.join(', ')} objects, so it ` +
              `has no effect here; move it to ${target}`,
            p.entry,
          ),
        );
      }
    }
    return out;
  },
};
