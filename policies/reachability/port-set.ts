/**
 * Sets of (protocol, port range), the unit NetworkPolicy reasoning works in. `ALL` is every port of
 * every protocol (a rule without `ports`, or a pod no policy isolates).
 */

/** A contiguous range of ports of one protocol. */
export interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** Every port of every protocol, or an explicit list of ranges. */
export type PortSet = 'all' | readonly PortRange[];

/** The empty set. */
export const NONE: PortSet = [];

/** Union of two port sets, normalized (sorted, merged). */
export function union(a: PortSet, b: PortSet): PortSet {
  if (a === 'all' || b === 'all') return 'all';
  return normalize([...a, ...b]);
}

/** Intersection of two port sets, normalized. */
export function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === 'all') return b === 'all' ? 'all' : normalize(b);
  if (b === 'all') return normalize(a);
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return normalize(out);
}

/** True when the set holds nothing. */
export function isEmpty(set: PortSet): boolean {
  return set !== 'all' && set.length === 0;
}

/**
 * Sorted by protocol then port, overlapping and adjacent ranges merged. An inverted range (an
 * `endPort` below its `port`, which the API server rejects) holds no port and is dropped.
 */
export function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges
    .filter((r) => r.from <= r.to)
    .sort((x, y) => (x.protocol < y.protocol ? -1 : x.protocol > y.protocol ? 1 : x.from - y.from));
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.protocol === r.protocol && r.from <= last.to + 1) {
      out[out.length - 1] = { ...last, to: Math.max(last.to, r.to) };
    } else out.push({ ...r });
  }
  return out;
}

/** `TCP/8080`, `UDP/53`, `TCP/30000-32767`, or `all`. */
export function formatPortSet(set: PortSet): string {
  if (set === 'all') return 'all';
  return set.map((r) => `${r.protocol}/${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}

/**
 * The protocols a NetworkPolicy port can name. `all` is exactly these on 1-65535, which makes
 * `subtract` exact: what a rule on TCP/8080 leaves of `all` is every other port of every protocol.
 */
export const PROTOCOLS: readonly string[] = ['SCTP', 'TCP', 'UDP'];

/** The ports of `a` that are not in `b`, normalized. */
export function subtract(a: PortSet, b: PortSet): PortSet {
  if (b === 'all') return NONE;
  if (b.length === 0) return a;
  const from = a === 'all' ? PROTOCOLS.map((protocol) => ({ protocol, from: 1, to: 65535 })) : normalize(a);
  const cuts = normalize(b);
  const out: PortRange[] = [];
  for (const range of from) {
    let start = range.from;
    for (const cut of cuts) {
      if (cut.protocol !== range.protocol || cut.to < start || cut.from > range.to) continue;
      if (cut.from > start) out.push({ protocol: range.protocol, from: start, to: cut.from - 1 });
      start = Math.max(start, cut.to + 1);
    }
    if (start <= range.to) out.push({ protocol: range.protocol, from: start, to: range.to });
  }
  return normalize(out);
}
