/**
 * Host paths the workload rules care about (container runtime sockets, sensitive directories,
 * credential files) and how a hostPath volume's path is compared with them.
 *
 * A path is compared segment by segment, as the kernel resolves it: empty segments (`//`, a trailing
 * `/`) and `.` segments are dropped, so `/var//run/./docker.sock/` is `/var/run/docker.sock`, and
 * `/etcetera` is not under `/etc`. `..` segments are kept as they are: the API server rejects a
 * hostPath containing them, so they never reach a node.
 *
 * The rules decide with the functions below; the admission guards decide with the regular
 * expressions built from the same lists (`*Pattern`), which match `path + '/'` and encode the same
 * segment rules, so both verdicts agree by construction (tests/policies/analysis/host-paths.test.ts
 * compares them on generated paths).
 */

import { arr, obj, str, type PodTarget } from '../k8s';

/** A hostPath volume of a pod, with the field path of its `path` for findings. */
export interface HostPathVolume {
  /** The volume's name, or `#<index>` when it has none. */
  readonly name: string;
  readonly path: string;
  /** E.g. `spec.template.spec.volumes[2].hostPath.path`. */
  readonly field: string;
}

/** The hostPath volumes of `pod` that name a path, in spec order. */
export function hostPathVolumesOf(pod: PodTarget): HostPathVolume[] {
  return arr(pod.spec.volumes).flatMap((raw, i) => {
    const volume = obj(raw);
    const path = str(obj(volume.hostPath).path);
    if (path === undefined) return [];
    return [
      { name: str(volume.name) ?? `#${i}`, path, field: `${pod.specPath}.volumes[${i}].hostPath.path` },
    ];
  });
}

/** The path's segments, empty and `.` segments dropped. `/` and `` have none. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

/** A normalized absolute path for messages: `/` plus the segments. */
export function normalizedPath(path: string): string {
  return `/${pathSegments(path).join('/')}`;
}

/** Segments of a location such as `/home/*\/.aws`; `*` matches any one segment. */
const locationSegments = (location: string): string[] => location.split('/').filter((s) => s !== '');

/** True when `segments` are `location` or lie under it. */
function atOrUnder(segments: readonly string[], location: readonly string[]): boolean {
  return location.length <= segments.length && location.every((l, i) => l === '*' || l === segments[i]);
}

/** True when `segments` are `location` or one of its ancestors (`/` included). */
function atOrAbove(segments: readonly string[], location: readonly string[]): boolean {
  return (
    segments.length <= location.length && segments.every((s, i) => location[i] === '*' || location[i] === s)
  );
}

/** Index just past the first occurrence of `sequence` in `segments`, or -1. */
function endOfSequence(segments: readonly string[], sequence: readonly string[]): number {
  for (let i = 0; i + sequence.length <= segments.length; i++) {
    if (sequence.every((s, j) => segments[i + j] === s)) return i + sequence.length;
  }
  return -1;
}

// ---- container runtime sockets ----------------------------------------------------------------

/** Runtime directories under /run; each also exists as /var/run/<name> (a symlink to /run on most hosts). */
const RUN_DIRECTORIES = ['containerd', 'crio', 'podman', 'docker', 'k3s/containerd'];

/** Directories whose contents are the runtime's sockets and container state. */
export const RUNTIME_DIRECTORIES: readonly string[] = ['/run', '/var/run'].flatMap((base) =>
  RUN_DIRECTORIES.map((d) => `${base}/${d}`),
);

/** The sockets of the container runtimes at their default locations. */
export const RUNTIME_SOCKETS: readonly string[] = [
  ...['/run', '/var/run'].flatMap((base) =>
    [
      'docker.sock',
      'containerd/containerd.sock',
      'crio/crio.sock',
      'podman/podman.sock',
      'cri-dockerd.sock',
      'dockershim.sock',
      'k3s/containerd/containerd.sock',
    ].map((s) => `${base}/${s}`),
  ),
  '/var/snap/microk8s/common/run/containerd.sock',
];

/** File names of runtime sockets, wherever they live (rootless and distribution-specific locations). */
export const RUNTIME_SOCKET_NAMES: readonly string[] = [
  'docker.sock',
  'containerd.sock',
  'containerd.sock.ttrpc',
  'crio.sock',
  'podman.sock',
  'cri-dockerd.sock',
  'dockershim.sock',
];

/** How a host path reaches a runtime socket. */
export type RuntimeSocketExposure =
  /** The path is a socket (a known location, or a file named like one). */
  | { readonly kind: 'socket'; readonly socket: string }
  /** The path is a directory above a socket, e.g. `/var/run`. */
  | { readonly kind: 'contains'; readonly socket: string }
  /** The path is a runtime directory or lies inside one. */
  | { readonly kind: 'inside'; readonly directory: string };

/** How `path` exposes a container runtime socket, or undefined when it does not. */
export function runtimeSocketExposure(path: string): RuntimeSocketExposure | undefined {
  const segments = pathSegments(path);
  const last = segments[segments.length - 1];
  for (const socket of RUNTIME_SOCKETS) {
    const location = locationSegments(socket);
    if (segments.length === location.length && atOrAbove(segments, location))
      return { kind: 'socket', socket };
  }
  if (last !== undefined && RUNTIME_SOCKET_NAMES.includes(last))
    return { kind: 'socket', socket: `/${segments.join('/')}` };
  for (const directory of RUNTIME_DIRECTORIES) {
    if (atOrUnder(segments, locationSegments(directory))) return { kind: 'inside', directory };
  }
  for (const socket of RUNTIME_SOCKETS) {
    if (atOrAbove(segments, locationSegments(socket))) return { kind: 'contains', socket };
  }
  return undefined;
}

// ---- sensitive host locations -----------------------------------------------------------------

/** A host location that must not be mounted, with the reason and its catalog row. */
export interface SensitiveLocation {
  /** Absolute path; `*` stands for any one segment. */
  readonly path: string;
  /** What lives there, for messages. */
  readonly why: string;
  /** KBP-HOST-007 (system directories) or KBP-HOST-008 (credentials). */
  readonly kbp: 'HOST-007' | 'HOST-008';
}

/** Directories that must not be mounted, nor anything inside or above them. */
export const SENSITIVE_DIRECTORIES: readonly SensitiveLocation[] = [
  { path: '/bin', why: "the host's programs", kbp: 'HOST-007' },
  { path: '/boot', why: "the host's kernel and boot loader", kbp: 'HOST-007' },
  { path: '/dev', why: "the host's devices", kbp: 'HOST-007' },
  { path: '/etc', why: "the host's configuration, accounts and credentials", kbp: 'HOST-007' },
  {
    path: '/etc/kubernetes',
    why: "the node's Kubernetes credentials and cloud-provider configuration (such as azure.json)",
    kbp: 'HOST-008',
  },
  { path: '/lib', why: "the host's libraries and kernel modules", kbp: 'HOST-007' },
  { path: '/lib64', why: "the host's libraries", kbp: 'HOST-007' },
  { path: '/proc', why: "the host's processes and kernel settings", kbp: 'HOST-007' },
  { path: '/root', why: "root's home directory, with its keys and cloud credentials", kbp: 'HOST-008' },
  { path: '/sbin', why: "the host's system programs", kbp: 'HOST-007' },
  { path: '/sys', why: "the host's kernel and device settings", kbp: 'HOST-007' },
  { path: '/usr', why: "the host's programs and libraries", kbp: 'HOST-007' },
  // The kubelet and etcd first: they are what a directory above them (`/var`) is named after.
  {
    path: '/var/lib/kubelet',
    why: "the kubelet's state, including every pod's Secrets and service account tokens",
    kbp: 'HOST-007',
  },
  { path: '/var/lib/etcd', why: "etcd's data: every object and Secret of the cluster", kbp: 'HOST-007' },
  { path: '/var/lib/containerd', why: "containerd's images and container filesystems", kbp: 'HOST-007' },
  {
    path: '/var/lib/containers',
    why: 'the images and container filesystems of CRI-O and Podman',
    kbp: 'HOST-007',
  },
  { path: '/var/lib/docker', why: "Docker's images and container filesystems", kbp: 'HOST-007' },
];

/** Directories that must not be mounted nor anything above them (their other contents are fine). */
export const SENSITIVE_ANCESTORS: readonly SensitiveLocation[] = [
  { path: '/home/*', why: "users' home directories, with their keys and cloud credentials", kbp: 'HOST-008' },
];

/** Credential directories, wherever they are (`~/.aws` of any user): nothing at or under them may be mounted. */
export const CREDENTIAL_DIRECTORIES: readonly SensitiveLocation[] = [
  { path: '.aws', why: 'AWS credentials', kbp: 'HOST-008' },
  { path: '.azure', why: 'Azure CLI credentials', kbp: 'HOST-008' },
  { path: '.config/gcloud', why: 'Google Cloud credentials', kbp: 'HOST-008' },
  { path: '.docker', why: 'container registry credentials', kbp: 'HOST-008' },
  { path: '.kube', why: 'kubeconfig credentials', kbp: 'HOST-008' },
  { path: '.ssh', why: 'SSH keys', kbp: 'HOST-008' },
];

/** How a host path touches a sensitive location. */
export interface SensitiveExposure {
  /** `root`: the path is `/`; `at`: it is the location; `inside`/`contains`: it lies below/above it. */
  readonly relation: 'root' | 'at' | 'inside' | 'contains';
  /** The location as it applies to this path (`/home/alice/.aws` for `.aws`). */
  readonly location: string;
  readonly why: string;
  readonly kbp: 'HOST-007' | 'HOST-008';
}

/**
 * How `path` touches a sensitive location, or undefined. When several apply, the most specific one
 * wins: the deepest location the path is at or inside, else `/` itself, else the first location the
 * path contains.
 */
export function sensitiveExposure(path: string): SensitiveExposure | undefined {
  const segments = pathSegments(path);
  let best: { depth: number; exposure: SensitiveExposure } | undefined;
  const consider = (depth: number, exposure: SensitiveExposure) => {
    if (!best || depth > best.depth) best = { depth, exposure };
  };
  for (const l of SENSITIVE_DIRECTORIES) {
    const location = locationSegments(l.path);
    if (atOrUnder(segments, location)) {
      const relation = segments.length === location.length ? 'at' : 'inside';
      consider(location.length, { relation, location: l.path, why: l.why, kbp: l.kbp });
    }
  }
  for (const l of CREDENTIAL_DIRECTORIES) {
    const end = endOfSequence(segments, locationSegments(l.path));
    if (end >= 0) {
      const relation = end === segments.length ? 'at' : 'inside';
      consider(end, { relation, location: `/${segments.slice(0, end).join('/')}`, why: l.why, kbp: l.kbp });
    }
  }
  if (best) return best.exposure;
  if (segments.length === 0)
    return { relation: 'root', location: '/', why: "the host's root filesystem", kbp: 'HOST-007' };
  for (const l of [...SENSITIVE_DIRECTORIES, ...SENSITIVE_ANCESTORS]) {
    if (atOrAbove(segments, locationSegments(l.path)))
      return { relation: 'contains', location: l.path, why: l.why, kbp: l.kbp };
  }
  return undefined;
}

// ---- the same decisions as RE2 patterns over `path + '/'`, for CEL ------------------------------

/** Any run of dropped segments (empty or `.`), each with its trailing `/`. */
const SKIPPED = '(?:\\.?/)*';
/** Any segments at all. */
const ANY_SEGMENTS = '(?:[^/]*/)*';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One segment of a location: a literal, or `*` for any segment that is neither empty nor `.`. */
const segmentPattern = (s: string) => (s === '*' ? '(?:[^/.][^/]*|\\.[^/]+)' : escapeRegex(s));

/** `path + '/'` is `location` or lies under it. */
function atOrUnderPattern(location: string): string {
  return `^${SKIPPED}${locationSegments(location)
    .map((s) => `${segmentPattern(s)}/`)
    .join(SKIPPED)}`;
}

/** `path + '/'` is `location` or one of its ancestors. */
function atOrAbovePattern(location: string): string {
  const inner = locationSegments(location).reduceRight(
    (rest, s) => `(?:${segmentPattern(s)}/${SKIPPED}${rest})?`,
    '',
  );
  return `^${SKIPPED}${inner}$`;
}

/** `path + '/'` has the segments of `sequence` in a row somewhere. */
function containsSequencePattern(sequence: string): string {
  return `^${ANY_SEGMENTS}${locationSegments(sequence)
    .map((s) => `${segmentPattern(s)}/`)
    .join(SKIPPED)}`;
}

/** `path + '/'` ends in a segment named like a runtime socket. */
const socketNamePattern = () =>
  `^${ANY_SEGMENTS}(?:${RUNTIME_SOCKET_NAMES.map(escapeRegex).join('|')})/${SKIPPED}$`;

const alternatives = (patterns: readonly string[]) => patterns.map((p) => `(?:${p})`).join('|');

/** Matches `path + '/'` exactly when runtimeSocketExposure(path) is defined. */
export const RUNTIME_SOCKET_PATTERN: string = alternatives([
  ...RUNTIME_SOCKETS.map(atOrAbovePattern),
  socketNamePattern(),
  ...RUNTIME_DIRECTORIES.map(atOrUnderPattern),
]);

/** Matches `path + '/'` exactly when sensitiveExposure(path) is defined. */
export const SENSITIVE_PATH_PATTERN: string = alternatives([
  ...SENSITIVE_DIRECTORIES.map((l) => atOrUnderPattern(l.path)),
  ...SENSITIVE_DIRECTORIES.map((l) => atOrAbovePattern(l.path)),
  ...SENSITIVE_ANCESTORS.map((l) => atOrAbovePattern(l.path)),
  ...CREDENTIAL_DIRECTORIES.map((l) => containsSequencePattern(l.path)),
]);
