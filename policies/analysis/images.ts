/**
 * Parsing of container image references (`registry/repo:tag@sha256:digest`), shared by the image rules.
 */

/** The parts of an image reference the rules care about. */
export interface ImageRef {
  /** The tag, when the reference has one. */
  readonly tag?: string;
  /** True when the reference carries a `@sha256:` digest of 64 hex characters. */
  readonly pinned: boolean;
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Splits an image reference. A `:` before the last `/` is a registry port, not a tag. */
export function parseImage(image: string): ImageRef {
  const pinned = DIGEST.test(image);
  const withoutDigest = image.includes('@') ? image.slice(0, image.indexOf('@')) : image;
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : undefined;
  return tag ? { tag, pinned } : { pinned };
}

/** The pull policy the API server defaults to: `Always` for `:latest` or untagged images, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): string {
  const { tag } = parseImage(image);
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
