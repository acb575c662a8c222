/**
 * Images are pinned by digest. A tag can be moved to different content after review; a digest
 * cannot, so the reviewed image is the one that runs.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed: a reference ending in `@sha256:<64 hex>`.
 */
import { containersOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { parseImage } from '../../analysis/images';
import { defineRule } from '../../rule';

export const imageDigest = defineRule({
  id: 'workload.image-digest',
  title: 'Images are pinned by digest',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.5.1', 'nsa:supply-chain', 'kbp:IMG-002'],
  kinds: POD_BEARING_KINDS,
  description:
    'A tag can be re-pointed to different content after review; only a digest guarantees the reviewed image is the one that runs.',
  remediation: 'Reference every image by digest, e.g. `registry.example.com/app:1.4.2@sha256:<digest>`.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod).flatMap((c) => {
      const image = str(c.container.image);
      if (image === undefined || parseImage(image).pinned) return [];
      return [
        {
          path: `${c.path}.image`,
          message: `container "${c.name}" image "${image}" is not pinned by digest`,
        },
      ];
    });
  },
});
