/**
 * A small Vault ACL evaluator for the HCL subset Bulwark emits: `path "<p>" { capabilities = [...]
 * allowed_parameters = { "<name>" = [...] } }` and `#` comments. Anything else is a parse error, so
 * a test using it also proves the emitted policies stay inside the subset.
 *
 * Semantics follow Vault's documentation (concepts/policies):
 * - `+` in a path matches exactly one segment; a trailing `*` is a prefix glob.
 * - Rules with the same path string across the token's policies merge (capabilities union).
 * - When several rules match, the highest-priority one alone decides: (1) the later the first `+`
 *   or `*`, the higher; (2) not ending in `*` beats ending in `*`; (3) fewer `+` segments is higher;
 *   (4) longer is higher; (5) lexicographically larger is higher. An exact path beats any pattern.
 * - `deny` wins within a rule; no matching rule denies.
 * - `allowed_parameters`: each request parameter must be listed (or `*` listed) and its value must
 *   match one of the listed values (prefix/suffix `*` globs; an empty list allows any value).
 */

export type Capability = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'sudo' | 'deny';

export const CAPABILITIES: readonly Capability[] = [
  'create',
  'read',
  'update',
  'patch',
  'delete',
  'list',
  'sudo',
];

/** One parsed `path` block. */
export interface AclRule {
  readonly path: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly allowedParameters?: Readonly<Record<string, readonly string[]>>;
}

type Value = string | Value[] | { [key: string]: Value };

/** Parses the subset; throws on anything outside it. */
export function parsePolicy(hcl: string): AclRule[] {
  const tokens = tokenize(hcl);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    const got = next();
    if (got !== t) throw new Error(`expected ${t}, got ${got}`);
  };
  const value = (): Value => {
    const t = next();
    if (t === '[') {
      const list: Value[] = [];
      while (peek() !== ']') {
        list.push(value());
        if (peek() === ',') next();
      }
      expect(']');
      return list;
    }
    if (t === '{') {
      const obj: Record<string, Value> = {};
      while (peek() !== '}') {
        const key = next();
        if (!key.startsWith('"')) throw new Error(`expected a quoted key, got ${key}`);
        expect('=');
        obj[JSON.parse(key) as string] = value();
      }
      expect('}');
      return obj;
    }
    if (t?.startsWith('"')) return JSON.parse(t) as string;
    throw new Error(`unexpected ${t}`);
  };
  const rules: AclRule[] = [];
  while (i < tokens.length) {
    expect('path');
    const path = JSON.parse(next()) as string;
    expect('{');
    let capabilities: Set<Capability> | undefined;
    let allowedParameters: Record<string, string[]> | undefined;
    while (peek() !== '}') {
      const key = next();
      expect('=');
      const v = value();
      if (key === 'capabilities' && Array.isArray(v) && v.every((c) => typeof c === 'string')) {
        for (const c of v)
          if (![...CAPABILITIES, 'deny'].includes(c as Capability)) throw new Error(`capability ${c}`);
        capabilities = new Set(v as Capability[]);
      } else if (key === 'allowed_parameters' && typeof v === 'object' && !Array.isArray(v)) {
        allowedParameters = Object.fromEntries(
          Object.entries(v).map(([k, list]) => {
            if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
              throw new Error(`parameter ${k}`);
            return [k, list as string[]];
          }),
        );
      } else throw new Error(`unsupported key ${key} in path ${path}`);
    }
    expect('}');
    if (!capabilities) throw new Error(`path ${path} has no capabilities`);
    rules.push({ path, capabilities, allowedParameters });
  }
  return rules;
}

function tokenize(hcl: string): string[] {
  const tokens: string[] = [];
  const re = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|[{}[\]=,]|[A-Za-z_][A-Za-z0-9_]*/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < hcl.length) {
    const at = re.lastIndex;
    m = re.exec(hcl);
    if (!m) throw new Error(`cannot tokenize at ${at}: ${hcl.slice(at, at + 20)}`);
    if (!/^\s|^#/.test(m[0])) tokens.push(m[0]);
  }
  return tokens;
}

/** Whether policy path `pattern` matches request path `path`. */
export function pathMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith('*');
  const body = glob ? pattern.slice(0, -1) : pattern;
  const patternSegments = body.split('/');
  const pathSegments = path.split('/');
  if (!glob && patternSegments.length !== pathSegments.length) return false;
  if (glob && pathSegments.length < patternSegments.length) return false;
  for (let s = 0; s < patternSegments.length; s++) {
    const p = patternSegments[s];
    const v = pathSegments[s];
    const last = s === patternSegments.length - 1;
    if (p === '+') {
      if (v === '' && !(glob && last)) return false;
      continue;
    }
    if (glob && last) return pathSegments.slice(s).join('/').startsWith(p);
    if (p !== v) return false;
  }
  return true;
}

/** Vault's priority order: > 0 when `a` has higher priority than `b`. */
export function comparePriority(a: string, b: string): number {
  const firstWild = (p: string) => {
    const idx = [p.indexOf('+'), p.indexOf('*')].filter((x) => x >= 0);
    return idx.length === 0 ? Infinity : Math.min(...idx);
  };
  const plusCount = (p: string) => p.split('/').filter((s) => s === '+').length;
  if (firstWild(a) !== firstWild(b)) return firstWild(a) > firstWild(b) ? 1 : -1;
  if (a.endsWith('*') !== b.endsWith('*')) return a.endsWith('*') ? -1 : 1;
  if (plusCount(a) !== plusCount(b)) return plusCount(a) < plusCount(b) ? 1 : -1;
  if (a.length !== b.length) return a.length > b.length ? 1 : -1;
  return a === b ? 0 : a > b ? 1 : -1;
}

function globMatch(allowed: string, value: string): boolean {
  if (allowed === '*') return true;
  if (allowed.length > 1 && allowed.endsWith('*')) return value.startsWith(allowed.slice(0, -1));
  if (allowed.length > 1 && allowed.startsWith('*')) return value.endsWith(allowed.slice(1));
  return allowed === value;
}

/** A token with these policies' rules: may it perform `capability` on `path` with `params`? */
export class Acl {
  private readonly rules: AclRule[];

  constructor(policies: readonly string[]) {
    const merged = new Map<
      string,
      { capabilities: Set<Capability>; allowedParameters?: Record<string, string[]> }
    >();
    for (const rule of policies.flatMap(parsePolicy)) {
      const existing = merged.get(rule.path);
      if (!existing) {
        merged.set(rule.path, {
          capabilities: new Set(rule.capabilities),
          allowedParameters: rule.allowedParameters
            ? ({ ...rule.allowedParameters } as Record<string, string[]>)
            : undefined,
        });
        continue;
      }
      rule.capabilities.forEach((c) => existing.capabilities.add(c));
      if (rule.allowedParameters) {
        existing.allowedParameters = existing.allowedParameters ?? {};
        for (const [k, v] of Object.entries(rule.allowedParameters))
          existing.allowedParameters[k] = [...(existing.allowedParameters[k] ?? []), ...v];
      }
    }
    this.rules = [...merged.entries()].map(([path, r]) => ({ path, ...r }));
  }

  /** The rule that decides for `path`, if any. */
  public ruleFor(path: string): AclRule | undefined {
    return this.rules
      .filter((r) => pathMatches(r.path, path))
      .sort((a, b) => comparePriority(b.path, a.path))[0];
  }

  public allows(
    capability: Capability,
    path: string,
    params: Readonly<Record<string, string>> = {},
  ): boolean {
    const rule = this.ruleFor(path);
    if (!rule || rule.capabilities.has('deny') || !rule.capabilities.has(capability)) return false;
    const allowed = rule.allowedParameters;
    if (!allowed) return true;
    return Object.entries(params).every(([name, value]) => {
      const values = allowed[name] ?? allowed['*'];
      return values !== undefined && (values.length === 0 || values.some((v) => globMatch(v, value)));
    });
  }
}
