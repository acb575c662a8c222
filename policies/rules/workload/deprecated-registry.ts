/**
 * Images do not come from the frozen Kubernetes registry (kubescape C-0253). k8s.gcr.io stopped
 * receiving images on 2023-04-03, so nothing there gets security fixes any more; it only redirects
 * to registry.k8s.io, and the project warns it will be phased out, at which point pulls fail. The
 * regional GCR projects that backed it (`{asia,eu,us}.gcr.io/k8s-artifacts-prod`) were frozen with it.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].image
 * The registry is read with policies/analysis/images.ts parseImage (host name in any case, any port).
 */
import { deprecatedKubernetesRegistry } from '../../analysis/images';
import { containersOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const deprecatedRegistry = defineRule({
  id: 'workload.deprecated-registry',
  title: 'Images do not come from the frozen k8s.gcr.io registry',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:IMG-005'],
  kinds: POD_BEARING_KINDS,
  description:
    'k8s.gcr.io has been frozen since April 2023: its images get no security fixes, and pulls will fail once the redirect to registry.k8s.io is switched off.',
  remediation:
    'Pull the image from registry.k8s.io (same repository path), or from a mirror of it in your own registry, and move to a supported version.',
  references: [
    'https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/',
    'https://kubernetes.io/blog/2023/03/10/image-registry-redirect/',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      const image = str(c.container.image);
      const registry = image === undefined ? undefined : deprecatedKubernetesRegistry(image);
      if (registry === undefined) continue;
      findings.push({
        path: `${c.path}.image`,
        message: `container "${c.name}" pulls "${image}" from the frozen registry "${registry}"`,
      });
    }
    return findings;
  },
});
