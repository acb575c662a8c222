/**
 * Small builders for CEL text. Guards are written with these so quoting, `has()` guards and
 * parenthesization are uniform, and so a field name CEL cannot select (a reserved word such as
 * `namespace`, or one with `-`) fails at generation time instead of in the API server.
 */

/** CEL's reserved words: the API server would need `__word__` escapes to select such a field. */
const RESERVED = new Set(
  'as break const continue else false for function if import in let loop namespace null package return true var void while'.split(
    ' ',
  ),
);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function selectable(name: string): string {
  if (!IDENTIFIER.test(name) || RESERVED.has(name)) {
    throw new Error(
      `CEL cannot select field '${name}' without escaping; index a map or restructure the guard`,
    );
  }
  return name;
}

/** A CEL string literal. */
export function lit(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A CEL list of string literals. */
export function litList(values: readonly string[]): string {
  return `[${values.map(lit).join(', ')}]`;
}

/** `base.a.b` for a field path under `base`. */
export function sel(base: string, path: readonly string[]): string {
  return [base, ...path.map(selectable)].join('.');
}

/** True when every field of `path` exists under `base`: `has(base.a) && has(base.a.b)`. */
export function present(base: string, path: readonly string[]): string {
  return path.map((_, i) => `has(${sel(base, path.slice(0, i + 1))})`).join(' && ');
}

/** The field exists and satisfies `test`. */
export function presentAnd(base: string, path: readonly string[], test: (field: string) => string): string {
  return `(${present(base, path)} && ${test(sel(base, path))})`;
}

/** The field is absent or satisfies `test` (CEL's `||` absorbs the error of selecting it when absent). */
export function absentOr(base: string, path: readonly string[], test: (field: string) => string): string {
  return `(!(${present(base, path)}) || ${test(sel(base, path))})`;
}

/** The field is set to exactly `value` (a CEL literal such as `true`, `0` or `'x'`). */
export function equals(base: string, path: readonly string[], value: string): string {
  return presentAnd(base, path, (f) => `${f} == ${value}`);
}

/** Conjunction, parenthesized. */
export function all(...terms: readonly string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(' && ')})`;
}

/** Disjunction, parenthesized. */
export function any(...terms: readonly string[]): string {
  return terms.length === 1 ? terms[0] : `(${terms.join(' || ')})`;
}

/** Negation. */
export function not(term: string): string {
  return term.startsWith('(') && term.endsWith(')') && balanced(term.slice(1, -1))
    ? `!${term}`
    : `!(${term})`;
}

/** True when the parentheses of `text` never close more than they open (so `(text)` is one group). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}
