/**
 * An image not pinned by digest is pulled with `imagePullPolicy: Always`, so a node never runs a
 * stale cached copy of a moved tag and imagePullSecrets are checked on every start. A digest makes
 * the policy irrelevant, so pinned images pass.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].imagePullPolicy
 * Allowed: `Always` (explicit or defaulted), or any value for a digest-pinned image.
 */
import { containersOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defaultPullPolicy, parseImage } from '../../analysis/images';
import { defineRule } from '../../rule';

export const imagePullPolicy = defineRule({
  id: 'workload.image-pull-policy',
  title: 'Images not pinned by digest are always pulled',
  pack: 'workload',
  severity: 'info',
  frameworks: ['nsa:supply-chain', 'kbp:IMG-003'],
  kinds: POD_BEARING_KINDS,
  description:
    'With a tag and `IfNotPresent`, nodes may run different cached content for the same tag, and a cached image skips the pull-secret check.',
  remediation: 'Pin the image by digest, or set `imagePullPolicy: Always`.',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod).flatMap((c) => {
      const image = str(c.container.image);
      if (image === undefined || parseImage(image).pinned) return [];
      const policy = str(c.container.imagePullPolicy) ?? defaultPullPolicy(image);
      if (policy === 'Always') return [];
      return [
        {
          path: `${c.path}.imagePullPolicy`,
          message: `container "${c.name}" pulls image "${image}" with policy "${policy}" although it is not pinned by digest`,
        },
      ];
    });
  },
});
