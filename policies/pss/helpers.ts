/**
 * Small helpers shared by the checks, mirroring upstream's `policy/helpers.go` and the Go
 * semantics the checks rely on (nil pointers, sorted string sets, `%q`).
 */
import { containersOf, isObject, obj, type Json, type VisitedContainer } from '../k8s';
import type { CheckAllowed, CheckForbidden } from './types';

/** The result of a check that found nothing wrong. */
export const ALLOWED: CheckAllowed = Object.freeze({ allowed: true });

/** A failing result; `detail` and `paths` follow upstream's wording and reporting order. */
export function forbidden(reason: string, detail: string, paths: readonly string[]): CheckForbidden {
  return { allowed: false, forbiddenReason: reason, forbiddenDetail: detail, paths };
}

/** `"a", "b"` (upstream's `joinQuote`: quotes are added, never escaped). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Upstream's `pluralize`. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Byte-order comparison, as Go sorts strings. */
function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The sorted, de-duplicated values: what Go's `sets.NewString(...).List()` returns. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGo);
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Go's `%q` for the strings annotations hold: escapes quotes, backslashes and control characters. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (GO_ESCAPES[ch] !== undefined) out += GO_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Upstream's `visitContainers`: init, regular and ephemeral containers, in that order, with paths. */
export function visitContainers(podSpec: Json, specPath: string): VisitedContainer[] {
  return containersOf({ spec: podSpec, specPath, metadataPath: '', metadata: {} });
}

/**
 * A nested object field, or undefined where Go would hold a nil pointer (absent, `null`, or a
 * value of the wrong type, which the API server would have rejected).
 */
export function field(value: unknown, ...keys: string[]): Json | undefined {
  let node: unknown = value;
  for (const key of keys) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return isObject(node) ? node : undefined;
}

/** A string field with Go's zero value: `''` when absent or not a string. */
export function stringField(value: Json | undefined, key: string): string {
  const v = value?.[key];
  return typeof v === 'string' ? v : '';
}

/** The container's `securityContext`, or undefined (nil). */
export function securityContextOf(container: Json): Json | undefined {
  return field(container, 'securityContext');
}

/** The pod's `spec.securityContext`, or undefined (nil). */
export function podSecurityContextOf(podSpec: Json): Json | undefined {
  return field(podSpec, 'securityContext');
}

/**
 * Upstream's `relaxPolicyForUserNamespacePod` (1.35+, no longer feature-gated): the pod runs in a
 * user namespace because it sets `hostUsers: false`; unset means host users.
 */
export function inUserNamespace(podSpec: Json): boolean {
  return podSpec.hostUsers === false;
}

/** True for pods that declare `spec.os.name: windows` (exempt from Linux-only restricted checks from 1.25). */
export function isWindowsPod(podSpec: Json): boolean {
  return obj(podSpec.os).name === 'windows';
}

/** `pod` first, then `container(s) "a", "b"`: upstream's list of who set a bad value. */
export function setters(pod: boolean, containers: readonly string[]): string[] {
  const out = pod ? ['pod'] : [];
  if (containers.length > 0)
    out.push(`${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)}`);
  return out;
}
