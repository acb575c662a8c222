/**
 * Bulwark's rules as CrossGuard policies. This module only builds policy objects; `index.ts` wraps
 * them in the `PolicyPack` (whose constructor starts the policy server), so tests import this file
 * and call `validateResource` / `validateStack` directly, without the Pulumi CLI.
 *
 * Six policies, one per scope × severity:
 *
 * | policy                     | sees                          | enforcement |
 * |----------------------------|-------------------------------|-------------|
 * | `bulwark-object-errors`    | each Kubernetes resource      | mandatory   |
 * | `bulwark-object-warnings`  | each Kubernetes resource      | advisory    |
 * | `bulwark-object-infos`     | each Kubernetes resource      | advisory    |
 * | `bulwark-stack-errors`     | all Kubernetes resources      | mandatory   |
 * | `bulwark-stack-warnings`   | all Kubernetes resources      | advisory    |
 * | `bulwark-stack-infos`      | all Kubernetes resources      | advisory    |
 *
 * Object policies run the checks that judge one object alone (PSS, images, RBAC verbs…); stack
 * policies run the checks that need the others (default deny per namespace, workloads no
 * NetworkPolicy selects, Services selecting nothing…). See `policies/adapters/crossguard.ts`.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import { evaluateScoped, manifestOf, type RuleScope } from '../adapters/crossguard';
import type { PssSelection } from '../pss-selection';
import type { Rule } from '../rule';
import { ALL_RULES } from '../rules';
import type { Finding, PssLevel, Severity, SourceObject } from '../types';

/** Per-pack configuration (`pulumi preview --policy-pack-config`). */
export interface BulwarkPolicyConfig {
  /** Pod Security Standards level. @default 'restricted' */
  readonly pssLevel?: PssLevel;
  /** Pod Security Standards version, `v1.X` or `latest`. @default 'latest' */
  readonly pssVersion?: string;
}

/** The configuration schema every Bulwark policy shares. */
export const CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    pssLevel: { type: 'string', enum: ['baseline', 'restricted'], default: 'restricted' },
    pssVersion: { type: 'string', pattern: '^(v1\\.[0-9]{1,2}|latest)$', default: 'latest' },
  },
};

/** Options of `bulwarkPolicies`. */
export interface BulwarkPoliciesOptions {
  /** The rules. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const PLURAL: Readonly<Record<Severity, string>> = { error: 'errors', warning: 'warnings', info: 'infos' };

/** Errors block the deployment; warnings and infos are shown. */
export function enforcementLevelOf(severity: Severity): EnforcementLevel {
  return severity === 'error' ? 'mandatory' : 'advisory';
}

/** The name of the policy reporting `severity` findings of `scope`, e.g. `bulwark-stack-errors`. */
export function policyName(scope: RuleScope, severity: Severity): string {
  return `bulwark-${scope === 'object' ? 'object' : 'stack'}-${PLURAL[severity]}`;
}

function pssOf(args: { getConfig<T extends object>(): T }): PssSelection {
  const config = args.getConfig<BulwarkPolicyConfig>() ?? {};
  const version =
    config.pssVersion === undefined || config.pssVersion === 'latest' ? undefined : config.pssVersion;
  return { level: config.pssLevel ?? 'restricted', version };
}

/** One violation line: `[rule.id] Kind namespace/name: message (at path). Remediation`. */
export function formatViolation(finding: Finding): string {
  const o = finding.object;
  const where = o.namespace ? `${o.namespace}/${o.name}` : o.name;
  const at = finding.path ? ` (at ${finding.path})` : '';
  return `[${finding.ruleId}] ${o.kind} ${where}: ${finding.message}${at}. ${finding.remediation}`;
}

function sourceOf(resource: {
  type: string;
  props: Record<string, unknown>;
  urn: string;
}): SourceObject | undefined {
  const object = manifestOf(resource.type, resource.props);
  return object && { object, file: resource.urn, line: 1 };
}

function report(findings: readonly Finding[], severity: Severity, reportViolation: ReportViolation): void {
  for (const finding of findings) {
    if (finding.suppressed || finding.severity !== severity) continue;
    // For stack policies `file` is the offending resource's URN, so the CLI points at it.
    reportViolation(formatViolation(finding), finding.file);
  }
}

function objectPolicy(severity: Severity, rules: readonly Rule[]): ResourceValidationPolicy {
  return {
    name: policyName('object', severity),
    description: `Bulwark rules that judge one Kubernetes object alone (Pod Security Standards, images, RBAC, secrets…): ${PLURAL[severity]}.`,
    enforcementLevel: enforcementLevelOf(severity),
    configSchema: CONFIG_SCHEMA,
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      const source = sourceOf(args);
      if (!source) return;
      const result = evaluateScoped([source], { rules, pss: pssOf(args), scope: 'object' });
      report(result.findings, severity, reportViolation);
    },
  };
}

function stackPolicy(severity: Severity, rules: readonly Rule[]): StackValidationPolicy {
  return {
    name: policyName('cross-object', severity),
    description: `Bulwark rules that need every Kubernetes object of the stack (default deny per namespace, isolated workloads, Service selectors…): ${PLURAL[severity]}.`,
    enforcementLevel: enforcementLevelOf(severity),
    configSchema: CONFIG_SCHEMA,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const sources = args.resources
        .map((r: PolicyResource) => sourceOf(r))
        .filter((s): s is SourceObject => s !== undefined);
      if (sources.length === 0) return;
      const result = evaluateScoped(sources, { rules, pss: pssOf(args), scope: 'cross-object' });
      report(result.findings, severity, reportViolation);
    },
  };
}

/** The Bulwark policies: per-resource first, then stack-level, each by severity. */
export function bulwarkPolicies(
  options: BulwarkPoliciesOptions = {},
): (ResourceValidationPolicy | StackValidationPolicy)[] {
  const rules = options.rules ?? ALL_RULES;
  return [
    ...SEVERITIES.map((severity) => objectPolicy(severity, rules)),
    ...SEVERITIES.map((severity) => stackPolicy(severity, rules)),
  ];
}
