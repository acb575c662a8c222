/**
 * The hardened defaults, in one frozen object: the single place where Bulwark's secure values live.
 * Tests read this object, so documentation, output and defaults cannot drift apart.
 */

/** A named set of container resource requests and limits. */
export interface ResourceProfile {
  /** CPU request, e.g. `100m`. */
  readonly cpuRequest: string;
  /**
   * CPU limit. Optional: CPU is compressible and limits cause throttling, so many teams omit them.
   *
   * @default - no CPU limit
   */
  readonly cpuLimit?: string;
  /** Memory request, e.g. `128Mi`. */
  readonly memoryRequest: string;
  /** Memory limit, e.g. `256Mi`. */
  readonly memoryLimit: string;
  /** Ephemeral-storage request, e.g. `64Mi`. */
  readonly ephemeralStorageRequest: string;
  /** Ephemeral-storage limit, e.g. `256Mi`. */
  readonly ephemeralStorageLimit: string;
}

/** The hardened values constructs fall back to: identities, PSS pin, replicas, resources, probes, DNS, jobs. */
export const HARDENED_DEFAULTS = Object.freeze({
  /** UID and GID of every container unless an app overrides them (kube-score wants >= 10000). */
  runAsUser: 10001,
  runAsGroup: 10001,
  fsGroup: 10001,
  /** The lowest UID/GID an app may choose. */
  minimumId: 10000,
  seccompProfile: 'RuntimeDefault',
  /** Writable emptyDir mounts an app gets when it declares none. */
  writablePaths: Object.freeze(['/tmp']),
  /** Size limit of each writable emptyDir. */
  emptyDirSizeLimit: '64Mi',
  /** Two, so a rollout, eviction or node drain never takes an app down (rule workload.replicas). */
  replicas: 2,
  /** PSS version pinned on namespaces when no environment says otherwise. */
  pssVersion: 'v1.37',
  managedBy: 'bulwark',
  /** Where the cluster DNS runs, the only egress every pod gets. */
  dns: Object.freeze({ namespace: 'kube-system', podLabels: Object.freeze({ 'k8s-app': 'kube-dns' }) }),
  // A CPU limit too: without one the default output would fail the cpu-limit rule (and a runaway
  // process could starve its neighbours); profiles may still leave it out.
  resourceProfile: Object.freeze({
    cpuRequest: '100m',
    cpuLimit: '500m',
    memoryRequest: '128Mi',
    memoryLimit: '256Mi',
    ephemeralStorageRequest: '64Mi',
    ephemeralStorageLimit: '256Mi',
  } satisfies ResourceProfile),
  probe: Object.freeze({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }),
  terminationGracePeriodSeconds: 30,
  job: Object.freeze({ backoffLimit: 3, ttlSecondsAfterFinished: 3600, activeDeadlineSeconds: 3600 }),
  /** How late a CronJob run may still start; a later one is skipped rather than run at an odd hour. */
  cronJobStartingDeadlineSeconds: 600,
});

/** The label keys every object Bulwark emits for an app carries. */
export const LABELS = Object.freeze({
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  /** The label Kubernetes sets on every namespace (since 1.21); the only safe namespace selector. */
  namespaceName: 'kubernetes.io/metadata.name',
});
