/**
 * Containers mount hostPath volumes read-only (kubescape C-0045, kube-linter writable-host-mount).
 * A writable host directory lets a container plant files the node or other pods later execute or
 * trust, and fill the node's disk.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].volumeMounts[*].readOnly, for
 * mounts whose volume (by name) is a hostPath volume.
 * Allowed: `readOnly: true`.
 * Severity: warning, not error. Any hostPath volume is already an error under Pod Security
 * Standards baseline (and the sensitive-path and runtime-socket rules); this rule grades what an
 * exempted one may still do.
 */
import { arr, containersOf, isObject, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const writableHostPath = defineRule({
  id: 'workload.writable-host-path',
  title: 'hostPath volumes are mounted read-only',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:HOST-009'],
  kinds: POD_BEARING_KINDS,
  description:
    'A writable host directory lets a container change files the node and other pods use, and exhaust the node disk.',
  remediation:
    'Set `readOnly: true` on every volumeMount of a hostPath volume, or replace the volume with an emptyDir or a PersistentVolumeClaim.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const hostPathVolumes = new Set(
      arr(pod.spec.volumes)
        .map(obj)
        .filter((v) => isObject(v.hostPath))
        .flatMap((v) => (typeof v.name === 'string' ? [v.name] : [])),
    );
    if (hostPathVolumes.size === 0) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(c.container.volumeMounts).forEach((raw, i) => {
        const mount = obj(raw);
        const name = str(mount.name);
        if (name === undefined || !hostPathVolumes.has(name) || mount.readOnly === true) return;
        findings.push({
          path: `${c.path}.volumeMounts[${i}].readOnly`,
          message: `container "${c.name}" mounts hostPath volume "${name}" writable at "${str(mount.mountPath) ?? ''}"`,
        });
      });
    }
    return findings;
  },
});
