/**
 * Nothing exposes SSH. A container listening on the SSH port runs an sshd beside the app, a
 * second way in that bypasses `kubectl exec` authorization and audit, and a Service on that port
 * publishes it. 2222 is the port sshd images use when they cannot bind 22 as non-root.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].ports[*].containerPort (pods)
 *         spec.ports[*].port and spec.ports[*].targetPort (Services)
 * Only TCP counts (UDP 2222 is EtherNet/IP, not SSH).
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

/** The SSH port and the unprivileged port sshd containers use instead. */
export const SSH_PORTS: readonly number[] = [22, 2222];

const isSsh = (port: unknown, protocol: unknown) =>
  typeof port === 'number' && SSH_PORTS.includes(port) && (str(protocol) ?? 'TCP') === 'TCP';

export const sshPort = defineRule({
  id: 'network.ssh-port',
  title: 'Containers and Services do not expose SSH',
  pack: 'network',
  severity: 'warning',
  frameworks: ['kbp:NET-010'],
  kinds: [...POD_BEARING_KINDS, 'Service'].sort(),
  description:
    'An SSH server in a container is a remote shell outside the API server: it is not governed by RBAC on pods/exec, not audited, and a target for credential attacks once a Service exposes it.',
  remediation:
    'Remove the SSH server and port; use `kubectl exec` or `kubectl debug`, which RBAC governs and the audit log records.',
  references: ['https://kubernetes.io/docs/tasks/debug/debug-application/get-shell-running-container/'],
  check(target) {
    const findings: RuleFinding[] = [];
    const pod = podTargetOf(target.object);
    if (pod) {
      for (const c of containersOf(pod)) {
        arr(c.container.ports).forEach((raw, j) => {
          const port = obj(raw);
          if (isSsh(port.containerPort, port.protocol)) {
            findings.push({
              path: `${c.path}.ports[${j}].containerPort`,
              message: `container "${c.name}" exposes port ${String(port.containerPort)}, an SSH port`,
            });
          }
        });
      }
      return findings;
    }
    const name = target.object.metadata?.name ?? '';
    arr(obj(target.object.spec).ports).forEach((raw, i) => {
      const port = obj(raw);
      if (isSsh(port.port, port.protocol)) {
        findings.push({
          path: `spec.ports[${i}].port`,
          message: `service "${name}" exposes port ${String(port.port)}, an SSH port`,
        });
      } else if (isSsh(port.targetPort, port.protocol)) {
        findings.push({
          path: `spec.ports[${i}].targetPort`,
          message: `service "${name}" forwards port ${String(port.port)} to port ${String(port.targetPort)}, an SSH port`,
        });
      }
    });
    return findings;
  },
});
