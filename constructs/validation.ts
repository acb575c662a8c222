/**
 * Validators shared by the constructs. Each returns a problem sentence (without the construct
 * prefix) or undefined, so callers decide how to report.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: what Kubernetes requires of namespace names and what we require of app names. */
export function dns1123LabelProblem(field: string, value: string): string | undefined {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    return `${field} '${value}' is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters).`;
  }
  return undefined;
}

/** A TCP/UDP port number. */
export function portProblem(field: string, port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return `${field} ${port} is out of range (1-65535).`;
  }
  return undefined;
}

/** The parts of an image reference Bulwark cares about. */
export interface ImageRef {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses `registry/repo[:tag][@sha256:digest]`; the registry may carry a port. */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not a tag.
  const tag = colon > lastSlash ? name.slice(colon + 1) : undefined;
  const repository = colon > lastSlash ? name.slice(0, colon) : name;
  return { repository, tag, digest };
}

/** Problems of an image reference; `requireDigest` is the environment's pinning policy. */
export function imageProblem(field: string, image: string, requireDigest: boolean): string | undefined {
  if (image.trim() === '' || /\s/.test(image)) return `${field} '${image}' is not a valid image reference.`;
  const ref = parseImage(image);
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) {
    return `${field} '${image}' has a malformed digest; use '@sha256:' followed by 64 hex characters.`;
  }
  if (ref.tag === undefined && ref.digest === undefined) {
    return `${field} '${image}' has neither a tag nor a digest. Pin it, e.g. '${ref.repository}:1.2.3@sha256:<digest>'.`;
  }
  if (ref.tag === 'latest') {
    return `${field} '${image}' uses the mutable tag 'latest'. Use a versioned tag and a digest.`;
  }
  if (requireDigest && ref.digest === undefined) {
    return `${field} '${image}' is not pinned by digest, which this environment requires. Append '@sha256:<digest>'.`;
  }
  return undefined;
}

/** A Kubernetes quantity such as `250m`, `128Mi`, `1`. */
export function quantityProblem(field: string, value: string): string | undefined {
  if (!/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.test(value)) {
    return `${field} '${value}' is not a Kubernetes quantity (e.g. '250m', '128Mi').`;
  }
  return undefined;
}

/** An absolute, normalized container path. */
export function absolutePathProblem(field: string, path: string): string | undefined {
  if (!path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.') || path.includes('//')) {
    return `${field} '${path}' must be an absolute path without '.', '..' or '//' (e.g. '/tmp').`;
  }
  if (path === '/')
    return `${field} '/' would make the whole root filesystem writable; mount a subdirectory such as '/tmp'.`;
  return undefined;
}

/** An IPv4 or IPv6 CIDR. */
export function cidrProblem(field: string, cidr: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    const bits = Number(v4[5]);
    if (octets.every((o) => o <= 255) && bits <= 32) {
      if (bits === 0)
        return `${field} '${cidr}' allows every address; name the networks the app really calls.`;
      return undefined;
    }
  } else if (/^[0-9a-fA-F:]+\/\d{1,3}$/.test(cidr) && cidr.includes(':')) {
    const bits = Number(cidr.split('/')[1]);
    if (bits <= 128) {
      if (bits === 0)
        return `${field} '${cidr}' allows every address; name the networks the app really calls.`;
      return undefined;
    }
  }
  return `${field} '${cidr}' is not a valid CIDR (e.g. '203.0.113.0/24').`;
}
