/**
 * Line tables: a compact mirror of a YAML document's structure holding only line numbers, so a
 * field path can be mapped to its line after the (much larger) YAML syntax tree is dropped.
 * They are built by toPlain (plain.ts).
 */

/** A mapping's or sequence's line table; a scalar is just its line. */
export interface LineBranch {
  /** Line where this value is named: its key's line in a mapping, its own start in a sequence. */
  readonly line: number;
  /** Keys of a mapping, parallel to `children`; absent for sequences. */
  readonly names?: readonly string[];
  /** Children: per key of a mapping, per item of a sequence. */
  readonly children: readonly LineNode[];
}

export type LineNode = number | LineBranch;

/** The line a node is named at. */
export function lineOf(node: LineNode): number {
  return typeof node === 'number' ? node : node.line;
}

/** The child table of `node` at a mapping key or sequence index, if any. */
export function childOf(node: LineNode, step: string | number): LineNode | undefined {
  if (typeof node === 'number') return undefined;
  if (typeof step === 'number') return node.names ? undefined : node.children[step];
  const index = node.names?.indexOf(step) ?? -1;
  return index < 0 ? undefined : node.children[index];
}

const INDEX = /^\[(\d+)\]/;
const QUOTED_KEY = /^\[(["'])(.*?)\1\]/;

/**
 * Maps a field path (`spec.containers[0].image`, `metadata.annotations.bulwark.dev/suppress`,
 * `metadata.labels["a.b/c"]`) to the line of the deepest part of it that exists. Keys may contain
 * dots, so at each mapping the longest key that the rest of the path starts with wins.
 */
export function locate(root: LineNode, path: string): number {
  let node = root;
  let rest = path;
  while (rest !== '' && typeof node !== 'number') {
    const step = nextStep(node, rest);
    if (!step) break;
    node = step.child;
    rest = rest.slice(step.length);
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  return lineOf(node);
}

function nextStep(node: LineBranch, rest: string): { child: LineNode; length: number } | undefined {
  const index = INDEX.exec(rest);
  if (index) {
    const child = childOf(node, Number(index[1]));
    return child === undefined ? undefined : { child, length: index[0].length };
  }
  const names = node.names;
  if (!names) return undefined;
  const quoted = QUOTED_KEY.exec(rest);
  if (quoted) {
    const child = childOf(node, quoted[2]);
    return child === undefined ? undefined : { child, length: quoted[0].length };
  }
  let best = -1;
  names.forEach((name, i) => {
    const fits = rest === name || rest.startsWith(`${name}.`) || rest.startsWith(`${name}[`);
    if (fits && (best < 0 || name.length > names[best].length)) best = i;
  });
  return best < 0 ? undefined : { child: node.children[best], length: names[best].length };
}
