/**
 * Parsing of container image references (`registry/repo:tag@sha256:digest`), shared by the image rules.
 */

/** The parts of an image reference the rules care about. */
export interface ImageRef {
  /** The registry (`host[:port]`, as written), when the reference names one; else Docker Hub applies. */
  readonly registry?: string;
  /** The repository path without registry, tag and digest, e.g. `shop/app`. */
  readonly repository: string;
  /** The tag, when the reference has one. */
  readonly tag?: string;
  /** True when the reference carries a `@sha256:` digest of 64 hex characters. */
  readonly pinned: boolean;
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/**
 * Splits an image reference. A `:` before the last `/` is a registry port, not a tag. The first
 * `/`-separated component is a registry when it contains `.` or `:`, is `localhost`, or has upper-case
 * letters (repository paths are lower-case), as the container runtimes' reference parser decides.
 */
export function parseImage(image: string): ImageRef {
  const pinned = DIGEST.test(image);
  const withoutDigest = image.includes('@') ? image.slice(0, image.indexOf('@')) : image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastSegment = withoutDigest.slice(lastSlash + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
  const name = colon >= 0 ? withoutDigest.slice(0, lastSlash + 1 + colon) : withoutDigest;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const registry = slash >= 0 && (/[.:A-Z]/.test(first) || first === 'localhost') ? first : undefined;
  const repository = registry === undefined ? name : name.slice(slash + 1);
  return { ...(registry !== undefined ? { registry } : {}), repository, ...(tag ? { tag } : {}), pinned };
}

/** The pull policy the API server defaults to: `Always` for `:latest` or untagged images, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): string {
  const { tag } = parseImage(image);
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The registry's host name, lower-cased (host names are case-insensitive), without the port. */
function registryHost(ref: ImageRef): string | undefined {
  return ref.registry?.replace(/:.*$/, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The frozen Kubernetes registry an image comes from, or undefined: `k8s.gcr.io` (frozen on
 * 2023-04-03, replaced by `registry.k8s.io`), and the regional GCR projects that served it
 * (`{asia,eu,us}.gcr.io/k8s-artifacts-prod`), which stopped receiving images at the same time.
 */
export function deprecatedKubernetesRegistry(image: string): string | undefined {
  const ref = parseImage(image);
  const host = registryHost(ref);
  if (host === 'k8s.gcr.io') return host;
  if (
    host !== undefined &&
    ['asia.gcr.io', 'eu.gcr.io', 'us.gcr.io'].includes(host) &&
    ref.repository.startsWith('k8s-artifacts-prod/')
  )
    return `${host}/k8s-artifacts-prod`;
  return undefined;
}

/** A regular expression (RE2 and JavaScript alike) for ASCII letters of `text` in either case. */
function caseInsensitive(text: string): string {
  return text.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/\./g, '\\.');
}

/**
 * Matches exactly the images deprecatedKubernetesRegistry recognizes: the reference's first component
 * (the registry, with any port) followed by `/`, before any `@`.
 */
export const DEPRECATED_REGISTRY_PATTERN = `^(?:${caseInsensitive('k8s.gcr.io')}(?::[^/@]*)?/|(?:${[
  'asia',
  'eu',
  'us',
]
  .map((r) => caseInsensitive(`${r}.gcr.io`))
  .join('|')})(?::[^/@]*)?/k8s-artifacts-prod/)`;

/**
 * Images of the Kubernetes dashboard: a path component (tag and digest excluded) containing
 * `kubernetes-dashboard` (`kubernetes-dashboard-amd64`, the v1 name) or equal to `kubernetesui` (the
 * Docker Hub namespace of v2 and later: `kubernetesui/dashboard`, `kubernetesui/dashboard-web`...).
 * A registry named like that counts too.
 */
export const DASHBOARD_IMAGE_PATTERN = '^(?:[^@]*/)?(?:[^/:@]*kubernetes-dashboard|kubernetesui(?:[/:@]|$))';

/** Helm v2 Tiller images: the last path component is `tiller` (`gcr.io/kubernetes-helm/tiller:v2.16.12`). */
export const TILLER_IMAGE_PATTERN = '^(?:[^@]*/)?tiller(?::[^/@]*)?(?:@|$)';
