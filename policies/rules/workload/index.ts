/** The `workload` pack: pod-spec hygiene beyond the Pod Security Standards, and workload availability. */
import type { Rule } from '../../rule';
import { automountServiceAccountToken } from './automount-service-account-token';
import { barePod } from './bare-pod';
import { cpuLimit } from './cpu-limit';
import { cpuRequest } from './cpu-request';
import { defaultNamespace } from './default-namespace';
import { defaultServiceAccount } from './default-service-account';
import { deprecatedApiVersion } from './deprecated-api-version';
import { duplicateEnvVar } from './duplicate-env-var';
import { ephemeralStorageLimit } from './ephemeral-storage-limit';
import { ephemeralStorageRequest } from './ephemeral-storage-request';
import { highUidGid } from './high-uid-gid';
import { hpaReplicas } from './hpa-replicas';
import { hpaTarget } from './hpa-target';
import { imageDigest } from './image-digest';
import { imagePullPolicy } from './image-pull-policy';
import { imageTag } from './image-tag';
import { livenessProbe } from './liveness-probe';
import { memoryLimit } from './memory-limit';
import { memoryRequest } from './memory-request';
import { pdbPolicy } from './pdb-policy';
import { podDisruptionBudget } from './pod-disruption-budget';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readinessProbe } from './readiness-probe';
import { recommendedLabels } from './recommended-labels';
import { rollingUpdateStrategy } from './rolling-update-strategy';
import { rootGroup } from './root-group';
import { selectorMismatch } from './selector-mismatch';
import { topologySpread } from './topology-spread';

/** Rules of the `workload` pack. */
export const WORKLOAD_RULES: readonly Rule[] = [
  automountServiceAccountToken,
  barePod,
  cpuLimit,
  cpuRequest,
  defaultNamespace,
  defaultServiceAccount,
  deprecatedApiVersion,
  duplicateEnvVar,
  ephemeralStorageLimit,
  ephemeralStorageRequest,
  highUidGid,
  hpaReplicas,
  hpaTarget,
  imageDigest,
  imagePullPolicy,
  imageTag,
  livenessProbe,
  memoryLimit,
  memoryRequest,
  pdbPolicy,
  podDisruptionBudget,
  readOnlyRootFilesystem,
  readinessProbe,
  recommendedLabels,
  rollingUpdateStrategy,
  rootGroup,
  selectorMismatch,
  topologySpread,
];
