/**
 * Renders the guards as admissionregistration.k8s.io/v1 ValidatingAdmissionPolicies and their
 * bindings: one policy per rule pack (and per validation action when some rules are held in dry
 * run), one validation per rule whose message starts with the rule id, and bindings that select
 * Bulwark-managed namespaces. Pure data in, objects out: the ClusterGuardrails construct, the docs
 * and the tests all use this.
 */
import { MIN_REASON_LENGTH } from '../suppressions';
import { ALL_RULES } from '../rules';
import type { K8sObject } from '../types';
import { litList, lit } from './cel';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS, resourceOf, resourceRulesFor } from './kinds';
import {
  MIXED_POD_MATCH_CONDITIONS,
  MIXED_POD_VARIABLES,
  POD_MATCH_CONDITIONS,
  POD_VARIABLES,
  suppressionsVariable,
} from './pod';
import { GUARDED_PSS_VERSION } from './pss';
import { GUARDS } from './registry';

export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';

/** `[Deny, Audit]` enforces; `[Warn, Audit]` only reports (dry run). Deny and Warn cannot be combined. */
export type ValidationActions = readonly ['Deny', 'Audit'] | readonly ['Warn', 'Audit'];
export const ENFORCE: ValidationActions = ['Deny', 'Audit'];
export const DRY_RUN: ValidationActions = ['Warn', 'Audit'];

/** Options of `admissionPolicies`. */
export interface AdmissionPolicyOptions {
  /**
   * Labels the bindings select on: the namespace's labels for namespaced objects, the object's own
   * labels for cluster-scoped ones (which have no namespace).
   */
  readonly selector: Readonly<Record<string, string>>;
  /** Actions of every guarded rule. @default ENFORCE */
  readonly actions?: ValidationActions;
  /** Rules bound with DRY_RUN although `actions` enforces (a staged rollout). @default none */
  readonly dryRunRules?: readonly string[];
  /** Rules not rendered at all. @default none */
  readonly excludeRules?: readonly string[];
  /**
   * Whether a `bulwark.dev/suppress` annotation naming a rule with a reason admits the object, as
   * `bulwark check` does. Off by default: in the cluster anyone who can write an object can write
   * the annotation, so only platforms whose objects all pass review should turn it on.
   *
   * @default false
   */
  readonly honorSuppressions?: boolean;
  /** Labels of every emitted object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A rendered policy or binding. */
export interface AdmissionObject extends K8sObject {
  readonly apiVersion: string;
  readonly kind: 'ValidatingAdmissionPolicy' | 'ValidatingAdmissionPolicyBinding';
  readonly metadata: {
    readonly name: string;
    readonly labels: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec: Record<string, unknown>;
}

/** Packs in policy order: pods first, since most requests are theirs. */
const PACK_ORDER = ['pss', 'workload', 'secrets', 'network', 'rbac', 'services'];

const RULES = new Map(ALL_RULES.map((r) => [r.id, r]));

/** The denial message: rule id, title and remediation on one line. */
export function messageOf(ruleId: string): string {
  const rule = RULES.get(ruleId);
  if (!rule) throw new Error(`guard for unknown rule '${ruleId}'`);
  return `[${ruleId}] ${rule.title.replace(/\.$/, '')}. ${rule.remediation}`.replace(/\s+/g, ' ');
}

/** The rule id a validation message names, or undefined. */
export function ruleIdOfMessage(message: string): string | undefined {
  return /^\[([^\]]+)\]/.exec(message)?.[1];
}

/**
 * The RE2 pattern that finds a suppression of `ruleId` in `bulwark.dev/suppress` entries joined by
 * ';', as policies/suppressions.ts parses them: at an entry's start, the id, ':', then a reason of at
 * least MIN_REASON_LENGTH characters from its first to its last non-blank one, within the entry.
 */
export function suppressionPattern(ruleId: string): string {
  const edge = '[^;\\s]';
  return `(^|;)\\s*${ruleId.replace(/[.]/g, '\\.')}\\s*:\\s*${edge}[^;]{${MIN_REASON_LENGTH - 2},}${edge}`;
}

const suppressed = (ruleId: string) => `variables.suppressions.matches(${lit(suppressionPattern(ruleId))})`;

function validation(
  guard: Guard,
  policyKinds: readonly string[],
  honorSuppressions: boolean,
): Record<string, unknown> {
  const narrower = policyKinds.some((k) => !guard.kinds.includes(k));
  const terms = [
    ...(narrower ? [`!(object.kind in ${litList(guard.kinds)})`] : []),
    `(${guard.expression})`,
    ...(honorSuppressions ? [suppressed(guard.ruleId)] : []),
  ];
  return { expression: terms.join(' || '), message: messageOf(guard.ruleId), reason: 'Forbidden' };
}

const unique = (values: readonly string[]) => [...new Set(values)];

function policy(
  name: string,
  pack: string,
  guards: readonly Guard[],
  options: AdmissionPolicyOptions,
): AdmissionObject {
  const kinds = unique(guards.flatMap((g) => g.kinds));
  const podKinds = kinds.some((k) => GUARDED_POD_KINDS.includes(k));
  // A pack may also guard other kinds (Namespaces in the workload pack, Services in the network
  // pack): those objects see an empty pod and are judged on every update.
  const mixed = podKinds && kinds.some((k) => !GUARDED_POD_KINDS.includes(k));
  const honor = options.honorSuppressions ?? false;
  const podVariables = mixed ? MIXED_POD_VARIABLES : POD_VARIABLES;
  const conditions = mixed ? MIXED_POD_MATCH_CONDITIONS : POD_MATCH_CONDITIONS;
  const variables = [...(podKinds ? podVariables : []), ...(honor ? [suppressionsVariable(podKinds)] : [])];
  const annotations: Record<string, string> = { 'bulwark.dev/rules': guards.map((g) => g.ruleId).join(',') };
  if (pack === 'pss') annotations['bulwark.dev/pss-level'] = `restricted@${GUARDED_PSS_VERSION}`;
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels: { ...options.labels }, annotations },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: resourceRulesFor(kinds) },
      ...(podKinds ? { matchConditions: conditions.map((c) => ({ ...c })) } : {}),
      ...(variables.length > 0 ? { variables: variables.map((v) => ({ ...v })) } : {}),
      validations: guards.map((g) => validation(g, kinds, honor)),
    },
  };
}

/** Bindings of one policy: namespaced kinds by namespace label, cluster-scoped kinds by object label. */
function bindings(
  policyObject: AdmissionObject,
  kinds: readonly string[],
  options: AdmissionPolicyOptions,
  actions: ValidationActions,
): AdmissionObject[] {
  const name = policyObject.metadata.name;
  const namespaced = kinds.filter((k) => resourceOf(k).namespaced);
  const clusterScoped = kinds.filter((k) => !resourceOf(k).namespaced);
  const binding = (bindingName: string, matchResources: Record<string, unknown>): AdmissionObject => ({
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: bindingName, labels: { ...options.labels } },
    spec: { policyName: name, validationActions: [...actions], matchResources },
  });
  const selector = { matchLabels: { ...options.selector } };
  const out: AdmissionObject[] = [];
  if (namespaced.length > 0) {
    // namespaceSelector never skips cluster-scoped objects, so a mixed policy names its namespaced resources.
    out.push(
      binding(name, {
        namespaceSelector: selector,
        ...(clusterScoped.length > 0 ? { resourceRules: resourceRulesFor(namespaced) } : {}),
      }),
    );
  }
  if (clusterScoped.length > 0) {
    out.push(
      binding(namespaced.length > 0 ? `${name}-cluster-scoped` : name, {
        objectSelector: selector,
        resourceRules: resourceRulesFor(clusterScoped),
      }),
    );
  }
  return out;
}

/** Every ValidatingAdmissionPolicy and binding for the guarded rules, policies first. */
export function admissionPolicies(options: AdmissionPolicyOptions): AdmissionObject[] {
  const actions = options.actions ?? ENFORCE;
  const known = new Set(GUARDS.map((g) => g.ruleId));
  for (const id of [...(options.dryRunRules ?? []), ...(options.excludeRules ?? [])]) {
    if (!known.has(id))
      throw new Error(`'${id}' is not a guarded rule; guarded rules are listed in docs/admission.md`);
  }
  const excluded = new Set(options.excludeRules ?? []);
  const dryRun = new Set(options.dryRunRules ?? []);
  const policies: AdmissionObject[] = [];
  const bound: AdmissionObject[] = [];
  for (const pack of PACK_ORDER) {
    const guards = GUARDS.filter((g) => g.ruleId.startsWith(`${pack}.`) && !excluded.has(g.ruleId));
    const held = actions[0] === 'Deny' ? guards.filter((g) => dryRun.has(g.ruleId)) : [];
    const groups: [string, readonly Guard[], ValidationActions][] = [
      [`bulwark-${pack}`, guards.filter((g) => !held.includes(g)), actions],
      [`bulwark-${pack}-dry-run`, held, DRY_RUN],
    ];
    for (const [name, members, memberActions] of groups) {
      if (members.length === 0) continue;
      const object = policy(name, pack, members, options);
      policies.push(object);
      bound.push(...bindings(object, unique(members.flatMap((g) => g.kinds)), options, memberActions));
    }
  }
  return [...policies, ...bound];
}
