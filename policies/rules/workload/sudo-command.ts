/**
 * Containers do not run sudo (kubescape C-0062). sudo in an entrypoint means the image expects to
 * gain root at run time: it only works with privilege escalation allowed and a setuid binary in the
 * image, exactly what a hardened pod rules out, and it hides that the workload wants root.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].{command,args}[*]
 * Flagged: an argument that is `sudo` or a path to it, or a shell script (`sh -c "..."` and the like)
 * using sudo as a word: `sudo`, `/usr/bin/sudo`, `make && sudo make install`; not `pseudo`,
 * `sudoers-check` or `/etc/sudoers` (policies/analysis/commands.ts). Every argument is read, so
 * scripts after `-c`, `-lc` or `su -c` are covered without parsing each shell's flags.
 */
import { argumentsOf, invokesSudo } from '../../analysis/commands';
import { containersOf, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const sudoCommand = defineRule({
  id: 'workload.sudo-command',
  title: 'Containers do not run sudo',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:PRIV-012'],
  kinds: POD_BEARING_KINDS,
  description:
    'sudo in a container command means the workload expects to become root at run time, which needs privilege escalation and a setuid binary in the image.',
  remediation:
    'Remove sudo from `command` and `args`; run the process as the user it needs, and do root-only setup when building the image or in a dedicated init step.',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod).flatMap((c) =>
      argumentsOf(c.container)
        .filter((a) => invokesSudo(a.value))
        .map((a) => ({
          path: `${c.path}.${a.field}`,
          message: `container "${c.name}" runs sudo in ${a.field}`,
        })),
    );
  },
});
