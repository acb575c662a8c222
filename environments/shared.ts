/** Resource profiles shared by several environments. */

const profile = (cpu: string, cpuLimit: string, memory: string, memoryLimit: string, storage: string) => ({
  cpuRequest: cpu,
  // CPU limits are set everywhere: most scanners flag their absence, and a noisy neighbour on a
  // shared node is a denial-of-service risk. A profile may drop it (cpuLimit is optional).
  cpuLimit,
  memoryRequest: memory,
  memoryLimit,
  ephemeralStorageRequest: storage,
  ephemeralStorageLimit: storage === '64Mi' ? '256Mi' : '1Gi',
});

/** Container resource profiles (`small`, `medium`, `large`) for an environment's `resourceProfiles`. */
export const RESOURCE_PROFILES = {
  /** Dev and staging: enough to run, small enough to share a cluster. */
  reduced: {
    small: profile('50m', '250m', '64Mi', '128Mi', '64Mi'),
    medium: profile('100m', '500m', '128Mi', '256Mi', '64Mi'),
    large: profile('250m', '1', '512Mi', '1Gi', '256Mi'),
  },
  /** Production sizes. */
  full: {
    small: profile('100m', '500m', '128Mi', '256Mi', '64Mi'),
    medium: profile('250m', '1', '512Mi', '1Gi', '256Mi'),
    large: profile('1', '2', '2Gi', '4Gi', '1Gi'),
  },
} as const;
