/**
 * No pod mounts a container runtime socket (Checkov CKV_K8S_27, kubescape C-0074, kube-linter
 * docker-sock, Trivy KSV-0006). Whoever can talk to the Docker, containerd, CRI-O or Podman socket
 * can start a privileged container on the node, so the mount is root on the node.
 *
 * Fields: spec.volumes[*].hostPath.path
 * Flagged: a known socket (`/var/run/docker.sock`, `/run/containerd/containerd.sock`, ...), a file
 * named like one anywhere (`docker.sock`, `containerd.sock`, `crio.sock`, `podman.sock`, ...), a
 * runtime directory or anything inside it (`/run/containerd`, `/var/run/crio`, ...), and every
 * directory above a known socket (`/var/run`, `/run`, `/`), which mounts the socket with it. Paths
 * are compared segment by segment after dropping `//`, `.` and trailing slashes
 * (policies/analysis/host-paths.ts).
 */
import { hostPathVolumesOf, runtimeSocketExposure } from '../../analysis/host-paths';
import { podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const containerRuntimeSocket = defineRule({
  id: 'workload.container-runtime-socket',
  title: 'Pods do not mount a container runtime socket',
  pack: 'workload',
  severity: 'error',
  frameworks: ['kbp:HOST-006'],
  kinds: POD_BEARING_KINDS,
  description:
    "A container that reaches the node's Docker, containerd, CRI-O or Podman socket can start privileged containers on the node, bypassing every Kubernetes control.",
  remediation:
    'Remove the hostPath volume; build images with a daemonless builder (BuildKit rootless, Kaniko) and read container metadata from the Kubernetes API instead.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return hostPathVolumesOf(pod).flatMap(({ name, path, field }): RuleFinding[] => {
      const exposure = runtimeSocketExposure(path);
      if (!exposure) return [];
      const volumeName = `hostPath volume "${name}"`;
      return [
        {
          path: field,
          message:
            exposure.kind === 'socket'
              ? `${volumeName} mounts the container runtime socket "${path}"`
              : exposure.kind === 'contains'
                ? `${volumeName} mounts "${path}", which holds the container runtime socket "${exposure.socket}"`
                : `${volumeName} mounts "${path}", inside the container runtime directory "${exposure.directory}"`,
        },
      ];
    });
  },
});
