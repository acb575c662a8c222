/**
 * Images name an explicit tag other than `latest` (or a digest). `latest` and untagged images run
 * whatever was pushed last, so what runs is neither reviewed nor reproducible.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].image
 * Allowed: a digest, or a tag that is not `latest`.
 */
import { containersOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { parseImage } from '../../analysis/images';
import { defineRule } from '../../rule';

export const imageTag = defineRule({
  id: 'workload.image-tag',
  title: 'Images use a fixed tag, not latest',
  pack: 'workload',
  severity: 'error',
  frameworks: ['nsa:supply-chain', 'kbp:IMG-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'An untagged or `:latest` image runs whatever was pushed last, so the running code was never reviewed and a rollback cannot restore it.',
  remediation:
    'Pin the image to a released version tag, preferably with its digest (`app:1.4.2@sha256:<digest>`).',
  references: ['https://kubernetes.io/docs/concepts/configuration/overview/#container-images'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod).flatMap((c) => {
      const image = str(c.container.image);
      if (image === undefined) return [];
      const { tag, pinned } = parseImage(image);
      if (pinned || (tag !== undefined && tag !== 'latest')) return [];
      const what = tag === undefined ? 'has no tag' : 'uses the "latest" tag';
      return [{ path: `${c.path}.image`, message: `container "${c.name}" image "${image}" ${what}` }];
    });
  },
});
