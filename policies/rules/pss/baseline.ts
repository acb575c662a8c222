/**
 * The Pod Security Standards baseline rules: one per upstream baseline check. They run at both
 * levels (restricted includes baseline), except where a restricted check overrides them.
 */
import { appArmorProfile } from '../../pss/checks/appArmorProfile';
import { capabilities_baseline } from '../../pss/checks/capabilities_baseline';
import { hostNamespaces } from '../../pss/checks/hostNamespaces';
import { hostPathVolumes } from '../../pss/checks/hostPathVolumes';
import { hostPorts } from '../../pss/checks/hostPorts';
import { hostProbesAndHostLifecycle } from '../../pss/checks/hostProbesAndHostLifecycle';
import { privileged } from '../../pss/checks/privileged';
import { procMount } from '../../pss/checks/procMount';
import { seccompProfile_baseline } from '../../pss/checks/seccompProfile_baseline';
import { seLinuxOptions } from '../../pss/checks/seLinuxOptions';
import { sysctls } from '../../pss/checks/sysctls';
import { windowsHostProcess } from '../../pss/checks/windowsHostProcess';
import type { Rule } from '../../rule';
import { pssRule } from './factory';

const NSA = 'nsa:pod-security';

export const BASELINE_RULES: readonly Rule[] = [
  pssRule(appArmorProfile, {
    title: 'AppArmor is not disabled or overridden',
    description:
      'The runtime default AppArmor profile confines containers; setting Unconfined (or a non-localhost annotation value) removes that confinement.',
    remediation:
      'Remove the AppArmor override, or set appArmorProfile.type to RuntimeDefault or Localhost (annotation: runtime/default or localhost/<profile>).',
    frameworks: [NSA],
  }),
  pssRule(capabilities_baseline, {
    title: 'Only default capabilities are added',
    description:
      'Capabilities beyond the runtime default set (including NET_RAW) give containers kernel privileges that enable escapes and network spoofing.',
    remediation: 'Remove every capability outside the default set from securityContext.capabilities.add.',
    frameworks: ['cis:5.2.8', 'cis:5.2.9', NSA],
  }),
  pssRule(hostNamespaces, {
    title: 'Host namespaces are not shared',
    description:
      "Sharing the node's network, PID or IPC namespace lets a pod see and interfere with the node's processes and traffic.",
    remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC, or set them to false.',
    frameworks: ['cis:5.2.3', 'cis:5.2.4', 'cis:5.2.5', NSA],
  }),
  pssRule(hostPathVolumes, {
    title: 'No hostPath volumes',
    description:
      "A hostPath volume exposes the node's filesystem to the pod, a common path to node compromise.",
    remediation:
      'Replace hostPath volumes with emptyDir, configMap, secret or persistentVolumeClaim volumes.',
    frameworks: ['cis:5.2.12', NSA],
  }),
  pssRule(hostPorts, {
    title: 'No host ports',
    description:
      "A hostPort binds the node's network interface, bypassing Services and NetworkPolicies and limiting scheduling.",
    remediation: 'Remove ports[*].hostPort (or set it to 0) and expose the port through a Service.',
    frameworks: ['cis:5.2.13', NSA],
  }),
  pssRule(hostProbesAndHostLifecycle, {
    title: 'Probes and lifecycle hooks do not target other hosts',
    description:
      "A host in a probe or lifecycle handler makes the kubelet connect to an arbitrary address on the pod's behalf.",
    remediation:
      'Remove the host field from httpGet and tcpSocket probes and lifecycle handlers so they target the pod itself.',
    frameworks: [],
  }),
  pssRule(privileged, {
    title: 'No privileged containers',
    description:
      'A privileged container has all capabilities and device access on the node, disabling most security mechanisms.',
    remediation:
      'Remove securityContext.privileged or set it to false; add only the specific capabilities the workload needs.',
    frameworks: ['cis:5.2.2', NSA],
  }),
  pssRule(procMount, {
    title: 'The default /proc mask is kept',
    description: 'An Unmasked /proc exposes kernel interfaces the default mask hides from containers.',
    remediation:
      'Remove securityContext.procMount or set it to Default (baseline v1.35+ allows other values only for pods with hostUsers: false).',
    frameworks: [],
  }),
  pssRule(seLinuxOptions, {
    title: 'SELinux options are restricted',
    description:
      'A custom SELinux user, role or a non-container type can lift the confinement SELinux gives containers.',
    remediation:
      'Remove seLinuxOptions.user and .role, and use a container type (container_t, container_init_t, container_kvm_t, container_engine_t) or none.',
    frameworks: [NSA],
  }),
  pssRule(seccompProfile_baseline, {
    title: 'Seccomp is not disabled',
    description:
      'An Unconfined seccomp profile lets containers make every system call, widening the kernel attack surface.',
    remediation:
      'Set seccompProfile.type to RuntimeDefault or Localhost, or leave it unset (before v1.19: annotations runtime/default, docker/default or localhost/<profile>).',
    frameworks: [NSA],
  }),
  pssRule(sysctls, {
    title: 'Only safe sysctls',
    description:
      'Unsafe sysctls can disable security mechanisms or affect every pod on the node; only namespaced, isolated ones are allowed.',
    remediation:
      'Remove every sysctl that is not on the safe list of the enforced PSS version from spec.securityContext.sysctls.',
    frameworks: [],
  }),
  pssRule(windowsHostProcess, {
    title: 'No Windows HostProcess containers',
    description: 'A Windows HostProcess container runs with privileged access to the Windows node.',
    remediation:
      'Remove windowsOptions.hostProcess from the pod and container security contexts, or set it to false.',
    frameworks: ['cis:5.2.11'],
  }),
];
