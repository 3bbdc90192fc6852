import { type Finding, finding, type Rule } from '../../rule';
import { ISTIO_ANNOTATIONS, isIstioAnnotation } from './istio-annotations';
import { placedAnnotations } from './placed-annotations';

export const unknownAnnotation: Rule = {
  code: 'IST0108',
  level: 'warning',
  title: 'unknown Istio annotation',
  explanation: 'an annotation in an istio.io domain is not one Istio knows (often a typo), so it has no effect',
  fix: 'correct the annotation name',
  check(index) {
    const out: Finding[] = [];
    for (const p of placedAnnotations(index)) {
      for (const key of Object.keys(p.annotations).sort()) {
        if (!isIstioAnnotation(key) || ISTIO_ANNOTATIONS.has(key)) continue;
        out.push(
          finding(this, `${p.where} has annotation ${key}, which Istio does not know, so it has no effect; correct its name`, p.entry),
        );
      }
    }
    return out;
  },
};
