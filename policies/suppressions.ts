/**
 * Suppressions: the annotation `bulwark.dev/suppress` on an object or its pod template, valued
 * `RULE_ID: reason; RULE_ID: reason`. A reason is mandatory, so every opt-out explains itself in
 * every report; an unknown rule id is an input error, so a typo never silently suppresses nothing.
 */
import { InputError } from './errors';
import { podTargetOf } from './k8s';
import type { SourceObject } from './types';

/** The annotation Bulwark reads (and its constructs write) to suppress a rule on one object. */
export const SUPPRESS_ANNOTATION = 'bulwark.dev/suppress';

/** Reasons shorter than this say nothing a reviewer can act on. */
export const MIN_REASON_LENGTH = 10;

/** One parsed suppression. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Where the annotation was found: `metadata.annotations` or the pod template's. */
  readonly source: string;
}

/** Formats suppressions as the annotation value, the inverse of parsing. */
export function formatSuppressions(entries: readonly { ruleId: string; reason: string }[]): string {
  return entries.map((e) => `${e.ruleId}: ${e.reason}`).join('; ');
}

/**
 * Reads the suppressions of an object (its own annotation first, then its pod template's).
 * Throws InputError naming the file and object for a malformed entry or an unknown rule id.
 */
export function suppressionsOf(
  source: SourceObject,
  knownRuleIds: ReadonlySet<string>,
): Map<string, Suppression> {
  const out = new Map<string, Suppression>();
  const pod = podTargetOf(source.object);
  const places: [string, unknown][] = [['metadata.annotations', source.object.metadata?.annotations]];
  if (pod && pod.metadataPath !== 'metadata')
    places.push([`${pod.metadataPath}.annotations`, pod.metadata.annotations]);
  for (const [where, annotations] of places) {
    if (typeof annotations !== 'object' || annotations === null) continue;
    const value = (annotations as Record<string, unknown>)[SUPPRESS_ANNOTATION];
    if (value === undefined) continue;
    const path = `${where}.${SUPPRESS_ANNOTATION}`;
    if (typeof value !== 'string')
      throw fail(source, path, 'must be a string of "RULE_ID: reason" entries separated by ";"');
    for (const raw of value.split(';')) {
      const entry = raw.trim();
      if (entry === '') continue;
      const colon = entry.indexOf(':');
      const ruleId = (colon < 0 ? entry : entry.slice(0, colon)).trim();
      const reason = colon < 0 ? '' : entry.slice(colon + 1).trim();
      if (!knownRuleIds.has(ruleId)) {
        throw fail(
          source,
          path,
          `names unknown rule '${ruleId}'. Use an id listed by 'bulwark rules' (e.g. workload.image-digest)`,
        );
      }
      if (reason.length < MIN_REASON_LENGTH) {
        throw fail(
          source,
          path,
          `suppresses '${ruleId}' without a reason of at least ${MIN_REASON_LENGTH} characters. Write it as '${ruleId}: <why this is acceptable>'`,
        );
      }
      if (!out.has(ruleId)) out.set(ruleId, { ruleId, reason, source: where });
    }
  }
  return out;
}

function fail(source: SourceObject, path: string, what: string): InputError {
  const m = source.object.metadata ?? {};
  const name = `${source.object.kind ?? '<no kind>'} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? '<no name>'}`;
  return new InputError(
    `${name}: annotation ${path} ${what}.`,
    source.file,
    source.locate?.(path) ?? source.line,
  );
}
