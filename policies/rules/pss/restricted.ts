/**
 * The Pod Security Standards restricted rules: one per upstream restricted check. The engine runs
 * them only when the enforced level is restricted.
 */
import { allowPrivilegeEscalation } from '../../pss/checks/allowPrivilegeEscalation';
import { capabilities_restricted } from '../../pss/checks/capabilities_restricted';
import { procMount_restricted } from '../../pss/checks/procMount_restricted';
import { restrictedVolumes } from '../../pss/checks/restrictedVolumes';
import { runAsNonRoot } from '../../pss/checks/runAsNonRoot';
import { runAsUser } from '../../pss/checks/runAsUser';
import { seccompProfile_restricted } from '../../pss/checks/seccompProfile_restricted';
import type { Rule } from '../../rule';
import { pssRule } from './factory';

const NSA = 'nsa:pod-security';

export const RESTRICTED_RULES: readonly Rule[] = [
  pssRule(allowPrivilegeEscalation, {
    title: 'Privilege escalation is disabled',
    description:
      'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent, e.g. through set-user-ID binaries.',
    remediation:
      'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
    frameworks: ['cis:5.2.6', NSA],
  }),
  pssRule(capabilities_restricted, {
    title: 'All capabilities are dropped',
    description: 'Containers should run without Linux capabilities; only NET_BIND_SERVICE may be added back.',
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] on every container and add nothing but NET_BIND_SERVICE.',
    frameworks: ['cis:5.2.8', 'cis:5.2.10', NSA],
  }),
  pssRule(procMount_restricted, {
    title: 'The default /proc mask is kept, even in a user namespace',
    description:
      'Restricted keeps the default /proc mask for every pod, including pods with hostUsers: false that baseline allows to unmask it.',
    remediation: 'Remove securityContext.procMount or set it to Default.',
    frameworks: [],
  }),
  pssRule(restrictedVolumes, {
    title: 'Only core volume types',
    description:
      'Restricted pods may use only ephemeral and persistent-volume-backed volume types, never host or network storage mounted directly.',
    remediation:
      'Use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes.',
    frameworks: ['cis:5.2.12', NSA],
  }),
  pssRule(runAsNonRoot, {
    title: 'Containers run as non-root',
    description:
      'A container running as UID 0 is root on the node if it escapes (unless the pod runs in a user namespace, v1.35+).',
    remediation:
      'Set spec.securityContext.runAsNonRoot: true (or on every container) and never set it to false.',
    frameworks: ['cis:5.2.7', NSA],
  }),
  pssRule(runAsUser, {
    title: 'Containers do not run as UID 0',
    description:
      'Setting runAsUser: 0 runs the container as root (unless the pod runs in a user namespace, v1.35+).',
    remediation: 'Set runAsUser to a non-zero UID, or leave it unset and set runAsNonRoot: true.',
    frameworks: [NSA],
  }),
  pssRule(seccompProfile_restricted, {
    title: 'A seccomp profile is set',
    description:
      'Restricted pods must filter system calls with the runtime default or a localhost seccomp profile.',
    remediation:
      'Set spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile) for the pod or every container.',
    frameworks: ['cis:5.7.2', NSA],
  }),
];
