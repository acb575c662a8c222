/**
 * CIDR containment for IPv4 and IPv6, on BigInt so both families share one implementation.
 */

interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly bits: number;
}

function parseV4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseV6(ip: string): bigint | undefined {
  const halves = ip.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

/** Parses `a.b.c.d/n` or `x:y::z/n`; undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, bitsText] = text.split('/');
  if (bitsText === undefined || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  const v4 = parseV4(ip);
  if (v4 !== undefined) return bits <= 32 ? { family: 4, network: mask(v4, bits, 32), bits } : undefined;
  const v6 = parseV6(ip);
  if (v6 !== undefined) return bits <= 128 ? { family: 6, network: mask(v6, bits, 128), bits } : undefined;
  return undefined;
}

function mask(value: bigint, bits: number, width: number): bigint {
  const hostBits = BigInt(width - bits);
  return (value >> hostBits) << hostBits;
}

/** True when every address of `inner` is in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || a.family !== b.family || b.bits < a.bits) return false;
  return mask(b.network, a.bits, a.family === 4 ? 32 : 128) === a.network;
}
