/**
 * Containers listen on ports 1024 and up (kube-linter privileged-ports, Trivy KSV-0117). Binding a
 * port below 1024 needs root or NET_BIND_SERVICE inside the container, which a hardened container
 * does not have; the Service can still expose 80 or 443 through `targetPort`.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].ports[*].containerPort
 * Severity: info: the pod may legitimately add NET_BIND_SERVICE or lower
 * net.ipv4.ip_unprivileged_port_start, so this is advice to move the port rather than a fault.
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

const FIRST_UNPRIVILEGED = 1024;

export const privilegedPort = defineRule({
  id: 'workload.privileged-port',
  title: 'Containers listen on unprivileged ports',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:PRIV-013'],
  kinds: POD_BEARING_KINDS,
  description:
    'Ports below 1024 need root or NET_BIND_SERVICE in the container; listening on a high port and mapping it in the Service needs neither.',
  remediation:
    'Listen on a port of 1024 or more (e.g. 8080) and keep the well-known port on the Service with `port: 80, targetPort: 8080`.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    'https://man7.org/linux/man-pages/man7/capabilities.7.html',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(c.container.ports).forEach((raw, i) => {
        const port = obj(raw).containerPort;
        if (typeof port !== 'number' || port <= 0 || port >= FIRST_UNPRIVILEGED) return;
        findings.push({
          path: `${c.path}.ports[${i}].containerPort`,
          message: `container "${c.name}" listens on port ${port}, below ${FIRST_UNPRIVILEGED}`,
        });
      });
    }
    return findings;
  },
});
