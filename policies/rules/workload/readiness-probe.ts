/**
 * Long-running containers declare a readiness probe, so Services only send traffic to pods that
 * can serve it (during start-up, overload or a rollout). Only regular containers: init containers run to completion and
 * ephemeral containers cannot have probes.
 *
 * Fields: spec.template.spec.containers[*].readinessProbe
 * Applies to: Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController.
 */
import { missingProbeCheck } from '../../analysis/probes';
import { LONG_RUNNING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const readinessProbe = defineRule({
  id: 'workload.readiness-probe',
  title: 'Long-running containers have a readiness probe',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:AVL-002'],
  kinds: LONG_RUNNING_KINDS,
  description:
    'Without a readiness probe a Service routes traffic to a pod as soon as it starts, and a broken rollout proceeds.',
  remediation: 'Add a `readinessProbe` (httpGet, tcpSocket, grpc or exec) to every container.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  check: missingProbeCheck('readinessProbe', 'readiness probe'),
});
