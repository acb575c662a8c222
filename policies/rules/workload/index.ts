/** The `workload` pack: pod-spec hygiene beyond the Pod Security Standards, and workload availability. */
import type { Rule } from '../../rule';
import { automountServiceAccountToken } from './automount-service-account-token';
import { barePod } from './bare-pod';
import { containerRuntimeSocket } from './container-runtime-socket';
import { cpuLimit } from './cpu-limit';
import { cpuRequest } from './cpu-request';
import { cronjobDeadline } from './cronjob-deadline';
import { dangerousCapabilities } from './dangerous-capabilities';
import { defaultNamespace } from './default-namespace';
import { defaultServiceAccount } from './default-service-account';
import { defaultServiceAccountToken } from './default-service-account-token';
import { deprecatedApiVersion } from './deprecated-api-version';
import { deprecatedRegistry } from './deprecated-registry';
import { deprecatedServiceAccountField } from './deprecated-service-account-field';
import { duplicateEnvVar } from './duplicate-env-var';
import { ephemeralStorageLimit } from './ephemeral-storage-limit';
import { ephemeralStorageRequest } from './ephemeral-storage-request';
import { explicitSecurityContext } from './explicit-security-context';
import { gitSyncExec } from './git-sync-exec';
import { highUidGid } from './high-uid-gid';
import { hostAliases } from './host-aliases';
import { hpaReplicas } from './hpa-replicas';
import { hpaTarget } from './hpa-target';
import { identicalProbes } from './identical-probes';
import { imageDigest } from './image-digest';
import { imagePullPolicy } from './image-pull-policy';
import { imageTag } from './image-tag';
import { jobTtl } from './job-ttl';
import { kubernetesDashboard } from './kubernetes-dashboard';
import { labelValues } from './label-values';
import { livenessProbe } from './liveness-probe';
import { memoryLimit } from './memory-limit';
import { memoryRequest } from './memory-request';
import { namespaceLimitRange } from './namespace-limit-range';
import { namespacePodSecurity } from './namespace-pod-security';
import { namespacePodSecurityVersion } from './namespace-pod-security-version';
import { namespaceResourceQuota } from './namespace-resource-quota';
import { pdbPolicy } from './pdb-policy';
import { podDisruptionBudget } from './pod-disruption-budget';
import { privilegedPort } from './privileged-port';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readinessProbe } from './readiness-probe';
import { recommendedLabels } from './recommended-labels';
import { replicas } from './replicas';
import { rollingUpdateStrategy } from './rolling-update-strategy';
import { rootGroup } from './root-group';
import { selectorMismatch } from './selector-mismatch';
import { sensitiveHostPath } from './sensitive-host-path';
import { serviceAccountMissing } from './service-account-missing';
import { statefulsetServiceName } from './statefulset-service-name';
import { sudoCommand } from './sudo-command';
import { systemNamespace } from './system-namespace';
import { tiller } from './tiller';
import { topologySpread } from './topology-spread';
import { writableHostPath } from './writable-host-path';

/** Rules of the `workload` pack. */
export const WORKLOAD_RULES: readonly Rule[] = [
  automountServiceAccountToken,
  barePod,
  containerRuntimeSocket,
  cpuLimit,
  cpuRequest,
  cronjobDeadline,
  dangerousCapabilities,
  defaultNamespace,
  defaultServiceAccount,
  defaultServiceAccountToken,
  deprecatedApiVersion,
  deprecatedRegistry,
  deprecatedServiceAccountField,
  duplicateEnvVar,
  ephemeralStorageLimit,
  ephemeralStorageRequest,
  explicitSecurityContext,
  gitSyncExec,
  highUidGid,
  hostAliases,
  hpaReplicas,
  hpaTarget,
  identicalProbes,
  imageDigest,
  imagePullPolicy,
  imageTag,
  jobTtl,
  kubernetesDashboard,
  labelValues,
  livenessProbe,
  memoryLimit,
  memoryRequest,
  namespaceLimitRange,
  namespacePodSecurity,
  namespacePodSecurityVersion,
  namespaceResourceQuota,
  pdbPolicy,
  podDisruptionBudget,
  privilegedPort,
  readOnlyRootFilesystem,
  readinessProbe,
  recommendedLabels,
  replicas,
  rollingUpdateStrategy,
  rootGroup,
  selectorMismatch,
  sensitiveHostPath,
  serviceAccountMissing,
  statefulsetServiceName,
  sudoCommand,
  systemNamespace,
  tiller,
  topologySpread,
  writableHostPath,
];
