/**
 * Long-running containers declare a liveness probe, so a hung process is restarted instead of
 * silently serving nothing. Only regular containers: init containers run to completion and
 * ephemeral containers cannot have probes.
 *
 * Fields: spec.template.spec.containers[*].livenessProbe
 * Applies to: Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController.
 */
import { missingProbeCheck } from '../../analysis/probes';
import { LONG_RUNNING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const livenessProbe = defineRule({
  id: 'workload.liveness-probe',
  title: 'Long-running containers have a liveness probe',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:AVL-001'],
  kinds: LONG_RUNNING_KINDS,
  description: 'Without a liveness probe a deadlocked container keeps running and is never restarted.',
  remediation: 'Add a `livenessProbe` (httpGet, tcpSocket, grpc or exec) to every container.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  check: missingProbeCheck('livenessProbe', 'liveness probe'),
});
