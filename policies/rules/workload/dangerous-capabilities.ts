/**
 * Containers add none of the capabilities that amount to control of the node (kubescape C-0046,
 * Polaris dangerousCapabilities, Checkov CKV_K8S_39, Trivy KSV-0005/KSV-0120): ALL, SYS_ADMIN,
 * NET_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, SYS_BOOT, BPF, PERFMON, MAC_ADMIN, MAC_OVERRIDE,
 * NET_RAW and SETPCAP. Pod Security Standards baseline already forbids all but SETPCAP of these; this
 * rule names them as errors of their own, with what each allows, including where PSS is exempted.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add[*]
 * Names are read as the runtimes read them: any case, with or without a `CAP_` prefix
 * (policies/analysis/capabilities.ts). One finding per entry.
 */
import { DANGEROUS_CAPABILITIES, dangerousCapability } from '../../analysis/capabilities';
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const dangerousCapabilities = defineRule({
  id: 'workload.dangerous-capabilities',
  title: 'Containers add no dangerous capabilities',
  pack: 'workload',
  severity: 'error',
  frameworks: ['nsa:pod-security', 'kbp:PRIV-008'],
  kinds: POD_BEARING_KINDS,
  description:
    'Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_MODULE or SYS_PTRACE let a process reconfigure the node, load kernel code or take over other processes, which is a container escape in all but name.',
  remediation:
    'Remove the capability from `securityContext.capabilities.add`, drop ALL, and add back only what the app needs (usually nothing, or NET_BIND_SERVICE).',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(obj(obj(c.container.securityContext).capabilities).add).forEach((raw, i) => {
        const capability = typeof raw === 'string' ? dangerousCapability(raw) : undefined;
        if (capability === undefined) return;
        const spelled = raw === capability ? `"${capability}"` : `"${String(raw)}" (${capability})`;
        findings.push({
          path: `${c.path}.securityContext.capabilities.add[${i}]`,
          message: `container "${c.name}" adds capability ${spelled}: ${DANGEROUS_CAPABILITIES[capability]}`,
        });
      });
    }
    return findings;
  },
});
