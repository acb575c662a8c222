/**
 * No pod mounts a sensitive host location (kube-linter sensitive-host-mounts, Trivy KSV-0121 for
 * system directories; kubescape C-0020 for cloud credentials): the host's root, system and
 * configuration directories, the state of the kubelet, etcd and the container runtimes, and
 * credential files such as /etc/kubernetes/azure.json or a user's ~/.aws. Read access leaks node
 * and cloud credentials; write access is root on the node.
 *
 * Fields: spec.volumes[*].hostPath.path
 * Flagged: `/` itself; a path at or under /bin, /boot, /dev, /etc (including /etc/kubernetes),
 * /lib, /lib64, /proc, /root, /sbin, /sys, /usr, /var/lib/{containerd,containers,docker,etcd,kubelet};
 * a path at or under a credential directory anywhere (.aws, .azure, .config/gcloud, .docker, .kube,
 * .ssh); and a directory above any of these (`/var`, `/home`, `/home/alice`), which mounts it too.
 * Paths are compared segment by segment after dropping `//`, `.` and trailing slashes, so `/etcetera`
 * is not `/etc` (policies/analysis/host-paths.ts).
 */
import { hostPathVolumesOf, sensitiveExposure } from '../../analysis/host-paths';
import { podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const sensitiveHostPath = defineRule({
  id: 'workload.sensitive-host-path',
  title: 'Pods do not mount sensitive host paths',
  pack: 'workload',
  severity: 'error',
  frameworks: ['kbp:HOST-007', 'kbp:HOST-008'],
  kinds: POD_BEARING_KINDS,
  description:
    "System directories, the kubelet's and the runtimes' state and credential files give a container the node's secrets and, when writable, control of the node.",
  remediation:
    'Remove the hostPath volume; use a ConfigMap, Secret, projected service account token or workload identity for what the app needs from there.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://docs.kubelinter.io/#/generated/checks?id=sensitive-host-mounts',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return hostPathVolumesOf(pod).flatMap(({ name, path, field }): RuleFinding[] => {
      const exposure = sensitiveExposure(path);
      if (!exposure) return [];
      const mounts = `hostPath volume "${name}" mounts "${path}"`;
      const { relation, location, why } = exposure;
      return [
        {
          path: field,
          message:
            relation === 'root' || relation === 'at'
              ? `${mounts}: ${why}`
              : relation === 'inside'
                ? `${mounts}, inside "${location}": ${why}`
                : `${mounts}, which contains "${location}": ${why}`,
        },
      ];
    });
  },
});
