/**
 * One walk over a parsed YAML document that yields its plain value (what the rules read) and its
 * line table (what locate reads), finding duplicate keys on the way.
 *
 * This replaces the yaml library's `toJS` because its alias handling is quadratic: every alias
 * rescans all anchors and aliases before it (20k aliases took 12 s; 200k would take minutes),
 * and its `uniqueKeys` check compares each key with every earlier one. Here anchors live in a
 * map, keys in a set per mapping, and alias expansion is budgeted: an alias or merge adds the
 * size of what it expands to, and past the budget the document is refused ("billion laughs").
 * Aliased values are shared, as with `toJS`, so expansion never costs memory or time here; the
 * budget protects the rules, which walk the expanded value.
 */
import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { LineNode } from './lines';

/** Values that aliases and merge keys may add to a document: this many nodes, or 4 per byte of it if more. */
export const MIN_EXPANSION_BUDGET = 100_000;

/** A problem at an offset of the source; the loader turns it into an InputError with file and line. */
export class PlainError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
    /** False for problems that are not syntax errors (alias expansion). */
    public readonly syntax = true,
  ) {
    super(message);
  }
}

interface Converted {
  readonly value: unknown;
  readonly lines: LineNode;
  /** Nodes in the value once aliases are expanded. */
  readonly size: number;
}

/** Converts the contents of a document; `bytes` is its length in the source, for the budget. */
export function toPlain(
  root: Node,
  lineCounter: LineCounter,
  bytes: number,
): { value: unknown; lines: LineNode } {
  const anchors = new Map<string, Converted>();
  let budget = Math.max(MIN_EXPANSION_BUDGET, 4 * bytes);
  const offsetOf = (n: unknown): number => (n as { range?: readonly number[] } | null)?.range?.[0] ?? 0;
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const spend = (size: number, at: unknown): void => {
    budget -= size;
    if (budget < 0) {
      throw new PlainError(
        'YAML aliases expand too much; refusing a possible "billion laughs" input',
        offsetOf(at),
        false,
      );
    }
  };

  const convert = (n: unknown, line: number): Converted => {
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (!target)
        throw new PlainError(`alias *${n.source} has no anchor &${n.source} before it`, offsetOf(n));
      spend(target.size, n);
      return { value: target.value, lines: line, size: target.size };
    }
    const converted = isMap(n)
      ? mapping(n.items, line)
      : isSeq(n)
        ? sequence(n.items, line)
        : scalar(n, line);
    const anchor = (n as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, converted);
    return converted;
  };

  const scalar = (n: unknown, line: number): Converted => {
    const value = isScalar(n) ? n.value : null;
    // The schema in use only yields JSON scalars; anything else is kept as its string form.
    const plain =
      value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value ?? null)
        : String(value);
    return { value: plain, lines: line, size: 1 };
  };

  const sequence = (items: readonly unknown[], line: number): Converted => {
    const value: unknown[] = [];
    const children: LineNode[] = [];
    let size = 1;
    for (const item of items) {
      const c = convert(item, lineAt(offsetOf(item)) || line);
      value.push(c.value);
      children.push(c.lines);
      size += c.size;
    }
    return { value, lines: { line, children }, size };
  };

  const mapping = (pairs: readonly Pair<unknown, unknown>[], line: number): Converted => {
    const value: Record<string, unknown> = {};
    const names: string[] = [];
    const children: LineNode[] = [];
    const explicit = new Set<string>();
    const merges: Pair<unknown, unknown>[] = [];
    let size = 1;
    for (const pair of pairs) {
      const key = pair.key;
      // A merge key (`<<`, YAML mode only) resolves to a symbol.
      if (isScalar(key) && typeof key.value === 'symbol') {
        merges.push(pair);
        continue;
      }
      if (!isScalar(key) || (key.value !== null && typeof key.value === 'object')) {
        throw new PlainError('mapping keys must be scalars', offsetOf(key ?? pair.value));
      }
      const name = key.value === null || key.value === undefined ? '' : String(key.value);
      if (explicit.has(name))
        throw new PlainError(`map keys must be unique ('${name}' occurs twice)`, offsetOf(key));
      explicit.add(name);
      const c = convert(pair.value, lineAt(offsetOf(key)) || line);
      define(value, name, c.value);
      names.push(name);
      children.push(c.lines);
      size += c.size;
    }
    // Explicit keys win over merged ones, and earlier merge sources over later ones. A merge is
    // charged the whole size of its source: conservative, and it keeps merge chains budgeted.
    for (const pair of merges) {
      for (const source of mergeSources(pair.value)) {
        spend(source.size, pair.value);
        size += source.size;
        for (const [name, v] of Object.entries(source.value as Record<string, unknown>)) {
          if (!Object.prototype.hasOwnProperty.call(value, name)) define(value, name, v);
        }
      }
    }
    return { value, lines: { line, names, children }, size };
  };

  const mergeSources = (n: unknown): Converted[] => {
    const items = isSeq(n) ? n.items : [n];
    return items.map((item) => {
      const c = isAlias(item) ? anchors.get(item.source) : isMap(item) ? convert(item, 0) : undefined;
      if (isAlias(item) && !c) {
        throw new PlainError(`alias *${item.source} has no anchor &${item.source} before it`, offsetOf(item));
      }
      if (!c || typeof c.value !== 'object' || c.value === null || Array.isArray(c.value)) {
        throw new PlainError('a merge key (<<) must name a mapping or a list of mappings', offsetOf(item));
      }
      return c;
    });
  };

  const result = convert(root, lineAt(offsetOf(root)) || 1);
  return { value: result.value, lines: result.lines };
}

/** Sets a key without ever touching the prototype (a `__proto__` key stays a plain key). */
function define(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  else target[name] = value;
}
