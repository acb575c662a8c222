/**
 * The bridge between Bulwark's rule engine and CrossGuard: turns Pulumi resources back into
 * Kubernetes manifests and splits the rules' work into what one object decides on its own
 * (checked per resource) and what needs the other objects (checked once per stack).
 *
 * The split is made per rule invocation, not by a hand-kept list: a check that reads
 * `context.objects`, `context.ofKind` or `context.memo` is cross-object for that object, one that
 * reads only the object (and `context.pss`) is per-object. Every finding is therefore reported
 * exactly once, by exactly one of the two policies, and a new rule needs no registration here.
 */
import { evaluate } from '../engine';
import type { PssSelection } from '../pss-selection';
import type { Rule, RuleContext } from '../rule';
import type { K8sObject, Report, SourceObject } from '../types';

/** Which findings an evaluation keeps. */
export type RuleScope = 'object' | 'cross-object';

/** Type tokens under `kubernetes:` that are not single objects of the API (components, Helm, patches). */
const NON_OBJECT_GROUPS = new Set([
  'yaml',
  'yaml/v2',
  'helm.sh/v3',
  'helm.sh/v4',
  'kustomize',
  'kustomize/v2',
]);

/**
 * The apiVersion and kind of a Pulumi Kubernetes type token (`kubernetes:apps/v1:Deployment` →
 * `apps/v1`, `Deployment`; `kubernetes:core/v1:Namespace` → `v1`, `Namespace`), or undefined for
 * anything that is not one Kubernetes object: other providers, components (`kubernetes:yaml/v2:ConfigGroup`),
 * Helm releases, `*Patch` resources (partial objects) and `*List` kinds.
 */
export function kubernetesTypeOf(type: string): { apiVersion: string; kind: string } | undefined {
  const match = /^kubernetes:(.+):([A-Za-z0-9]+)$/.exec(type);
  if (!match) return undefined;
  const [, groupVersion, kind] = match;
  if (NON_OBJECT_GROUPS.has(groupVersion) || !groupVersion.includes('/')) return undefined;
  if (kind.endsWith('Patch') || kind.endsWith('List')) return undefined;
  return {
    apiVersion: groupVersion.startsWith('core/') ? groupVersion.slice('core/'.length) : groupVersion,
    kind,
  };
}

/** Metadata fields rules read; an unknown value there cannot be judged. */
const JUDGED_METADATA = new Set(['name', 'generateName', 'namespace', 'labels', 'annotations']);

/**
 * Whether an unknown value at `path` can be dropped: `status`, and metadata the server fills in
 * (`uid`, `resourceVersion`, `managedFields`…), which are unknown in every preview of a create.
 */
function isDroppableUnknown(path: readonly string[]): boolean {
  return (
    path[0] === 'status' || (path[0] === 'metadata' && path.length === 2 && !JUDGED_METADATA.has(path[1]))
  );
}

/**
 * A plain deep copy of `value` (which may be CrossGuard's unknown-checking proxy). Unknown values
 * the rules never judge are dropped; any other unknown value rethrows CrossGuard's error, which the
 * policy runtime reports as "cannot be checked during preview" instead of guessing.
 */
function plainCopy(value: unknown, path: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => plainCopy(item, [...path, String(i)]));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    let child: unknown;
    try {
      child = (value as Record<string, unknown>)[key];
    } catch (error) {
      if (isUnknownValueError(error) && isDroppableUnknown([...path, key])) continue;
      throw error;
    }
    out[key] = plainCopy(child, [...path, key]);
  }
  return out;
}

/**
 * The Kubernetes manifest a Pulumi resource stands for: a plain copy of its properties with
 * `apiVersion` and `kind` taken from the type token, without `status`. Undefined when `type` is not
 * a single Kubernetes object (see `kubernetesTypeOf`). Throws CrossGuard's `UnknownValueError` for an
 * unknown value a rule could judge.
 */
export function manifestOf(type: string, props: Readonly<Record<string, unknown>>): K8sObject | undefined {
  const typeInfo = kubernetesTypeOf(type);
  if (!typeInfo) return undefined;
  const plain = plainCopy(props, []) as Record<string, unknown>;
  delete plain.status;
  return { ...plain, apiVersion: typeInfo.apiVersion, kind: typeInfo.kind };
}

/** Options of `evaluateScoped`. */
export interface ScopedEvaluationOptions {
  readonly rules: readonly Rule[];
  readonly pss?: PssSelection;
  /** `object`: findings a check made from its object alone; `cross-object`: findings that needed the others. */
  readonly scope: RuleScope;
}

/**
 * True for errors that mean "a value is not known yet": CrossGuard's `UnknownValueError` during
 * preview. Recognized by shape (it carries `unknownTypeSentinel` and sets no `name`), so this module
 * does not load `@pulumi/policy`.
 */
function isUnknownValueError(error: unknown): boolean {
  return error instanceof Error && ('unknownTypeSentinel' in error || error.name === 'UnknownValueError');
}

/** `rule` with a check that reports only the findings of `scope`, and lets unknown values escape the engine. */
function scoped(rule: Rule, scope: RuleScope, unknowns: unknown[]): Rule {
  return {
    ...rule,
    check(target: SourceObject, context: RuleContext) {
      let crossObject = false;
      const tracked: RuleContext = {
        pss: context.pss,
        get objects() {
          crossObject = true;
          return context.objects;
        },
        ofKind(kind) {
          crossObject = true;
          return context.ofKind(kind);
        },
        memo(key, compute) {
          crossObject = true;
          return context.memo(key, compute);
        },
      };
      try {
        const findings = rule.check(target, tracked);
        return crossObject === (scope === 'cross-object') ? findings : [];
      } catch (error) {
        // The engine reports a crashing rule as a finding; an unknown value is not a crash.
        if (isUnknownValueError(error)) {
          unknowns.push(error);
          return [];
        }
        throw error;
      }
    },
  };
}

/**
 * Evaluates `sources` like `evaluate`, keeping only the findings of one scope. Rethrows the first
 * unknown-value error a rule hit, so CrossGuard skips rather than judges half-known resources.
 */
export function evaluateScoped(sources: readonly SourceObject[], options: ScopedEvaluationOptions): Report {
  const unknowns: unknown[] = [];
  const report = evaluate(sources, {
    rules: options.rules.map((rule) => scoped(rule, options.scope, unknowns)),
    pss: options.pss,
  });
  if (unknowns.length > 0) throw unknowns[0];
  return report;
}
