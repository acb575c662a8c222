/**
 * Renders the hardened pod template of a SecureApp. Pure functions over resolved values: no
 * defaults are decided here, and nothing is validated (the construct did both).
 */
import { HARDENED_DEFAULTS, type ResourceProfile } from './defaults';
import { renderProbe, type HealthCheck } from './health-check';

/** A port an app listens on. */
export interface AppPort {
  /** Port number. */
  readonly port: number;
  /**
   * Port name (IANA service name), used by the Service and probes.
   *
   * @default - 'http' for the first port, 'port-<number>' for others
   */
  readonly name?: string;
  /**
   * Protocol.
   *
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP';
}

/** Everything the pod template needs, resolved. */
export interface PodTemplateInput {
  readonly appName: string;
  readonly image: string;
  readonly imagePinned: boolean;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly ports: readonly Required<AppPort>[];
  readonly resources: ResourceProfile;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly fsGroup: number;
  readonly writablePaths: readonly string[];
  readonly extraVolumes: readonly { volume?: Record<string, unknown>; mount: Record<string, unknown> }[];
  readonly readiness?: HealthCheck;
  readonly liveness?: HealthCheck;
  readonly serviceAccountName: string;
  readonly mountToken: boolean;
  readonly restartPolicy: 'Always' | 'OnFailure' | 'Never';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly topologySpread?: Readonly<Record<string, string>>;
}

/** `/var/cache/nginx` → `var-cache-nginx`: a stable, readable volume name per writable path. */
export function volumeNameFor(path: string): string {
  const slug = path
    .replace(/^\/+/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `writable-${slug}`.slice(0, 63).replace(/-+$/, '');
}

/** The container-level security context every Bulwark container gets. */
export function containerSecurityContext(runAsUser: number, runAsGroup: number): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup,
    runAsNonRoot: true,
    runAsUser,
    seccompProfile: { type: HARDENED_DEFAULTS.seccompProfile },
  };
}

/** Container resources from a profile; the CPU limit only when the profile sets one. */
export function renderResources(profile: ResourceProfile): Record<string, unknown> {
  const limits: Record<string, string> = {
    'ephemeral-storage': profile.ephemeralStorageLimit,
    memory: profile.memoryLimit,
  };
  if (profile.cpuLimit !== undefined) limits.cpu = profile.cpuLimit;
  return {
    limits,
    requests: {
      cpu: profile.cpuRequest,
      'ephemeral-storage': profile.ephemeralStorageRequest,
      memory: profile.memoryRequest,
    },
  };
}

/** Renders `spec.template` (metadata and spec). */
export function renderPodTemplate(input: PodTemplateInput): Record<string, unknown> {
  const firstPort = input.ports[0]?.port;
  const volumes: Record<string, unknown>[] = input.writablePaths.map((path) => ({
    name: volumeNameFor(path),
    emptyDir: { sizeLimit: HARDENED_DEFAULTS.emptyDirSizeLimit },
  }));
  const mounts: Record<string, unknown>[] = input.writablePaths.map((path) => ({
    name: volumeNameFor(path),
    mountPath: path,
  }));
  for (const extra of input.extraVolumes) {
    if (extra.volume) volumes.push(extra.volume);
    mounts.push(extra.mount);
  }

  const container: Record<string, unknown> = {
    name: input.appName,
    image: input.image,
    // A digest never changes, so re-pulling it buys nothing; a tag can move, so always re-resolve it.
    imagePullPolicy: input.imagePinned ? 'IfNotPresent' : 'Always',
    resources: renderResources(input.resources),
    securityContext: containerSecurityContext(input.runAsUser, input.runAsGroup),
  };
  // Empty lists are left out: the API server does not store them, and a server-side apply of `[]`
  // would then change the object on every apply.
  if (mounts.length > 0) container.volumeMounts = sortByName(mounts, 'mountPath');
  if (input.command) container.command = [...input.command];
  if (input.args) container.args = [...input.args];
  const env = Object.keys(input.env).sort();
  if (env.length > 0) container.env = env.map((name) => ({ name, value: input.env[name] }));
  if (input.ports.length > 0) {
    container.ports = input.ports.map((p) => ({ containerPort: p.port, name: p.name, protocol: p.protocol }));
  }
  if (input.readiness) container.readinessProbe = renderProbe(input.readiness, firstPort);
  if (input.liveness) container.livenessProbe = renderProbe(input.liveness, firstPort);

  const spec: Record<string, unknown> = {
    automountServiceAccountToken: input.mountToken,
    containers: [container],
    enableServiceLinks: false,
    restartPolicy: input.restartPolicy,
    securityContext: {
      fsGroup: input.fsGroup,
      fsGroupChangePolicy: 'OnRootMismatch',
      runAsGroup: input.runAsGroup,
      runAsNonRoot: true,
      runAsUser: input.runAsUser,
      seccompProfile: { type: HARDENED_DEFAULTS.seccompProfile },
    },
    serviceAccountName: input.serviceAccountName,
    terminationGracePeriodSeconds: HARDENED_DEFAULTS.terminationGracePeriodSeconds,
  };
  if (volumes.length > 0) spec.volumes = sortByName(volumes, 'name');
  if (input.topologySpread) {
    const selector = { matchLabels: { ...input.topologySpread } };
    spec.topologySpreadConstraints = [
      {
        labelSelector: selector,
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'DoNotSchedule',
      },
      {
        labelSelector: selector,
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
      },
    ];
  }
  const metadata: Record<string, unknown> = { labels: { ...input.labels } };
  if (Object.keys(input.annotations).length > 0) metadata.annotations = { ...input.annotations };
  return { metadata, spec };
}

function sortByName(list: Record<string, unknown>[], key: string): Record<string, unknown>[] {
  return [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
