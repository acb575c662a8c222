/**
 * Deploys synthesized Kubernetes objects after they pass Bulwark's rules: the policy gate in front
 * of every `pulumi up`.
 */
import * as pulumi from '@pulumi/pulumi';
import { evaluate } from '../policies/engine';
import type { PssSelection } from '../policies/pss-selection';
import type { Rule } from '../policies/rule';
import { ALL_RULES } from '../policies/rules';
import type { Finding, K8sObject, Report, ReportSummary } from '../policies/types';
import { registerObjects } from './register';

/** The type token of `BlueprintRelease`. Changing it needs an alias, or Pulumi replaces everything. */
export const BLUEPRINT_RELEASE_TYPE = 'bulwark:k8s:BlueprintRelease';

/** Arguments of `BlueprintRelease`. */
export interface BlueprintReleaseArgs {
  /** The objects to deploy, in apply order (`synthesizeEnvironment(env).objects`). */
  readonly objects: readonly K8sObject[];
  /** The Kubernetes provider every object is deployed with. */
  readonly provider: pulumi.ProviderResource;
  /** Pod Security Standards level and version the gate evaluates. @default restricted@latest */
  readonly pss?: PssSelection;
  /** The rules of the gate. @default ALL_RULES */
  readonly rules?: readonly Rule[];
  /** Name of the objects' source in findings, e.g. `environment prod`. @default the component name */
  readonly source?: string;
}

/** `[rule.id] Kind namespace/name: message (at path)`, one line per finding. */
export function formatFinding(finding: Finding): string {
  const o = finding.object;
  const where = o.namespace ? `${o.namespace}/${o.name}` : o.name;
  const at = finding.path ? ` (at ${finding.path})` : '';
  return `[${finding.ruleId}] ${o.kind} ${where}: ${finding.message}${at}`;
}

/** The unsuppressed error findings of a report: what refuses a deployment. */
export function blockingFindings(report: Report): Finding[] {
  return report.findings.filter((f) => f.severity === 'error' && !f.suppressed);
}

/**
 * Runs the gate over `objects`. Returns the report; the caller refuses to deploy when
 * `blockingFindings(report)` is not empty.
 */
export function gate(
  objects: readonly K8sObject[],
  options: { pss?: PssSelection; rules?: readonly Rule[]; source: string },
): Report {
  return evaluate(
    objects.map((object, index) => ({ object, file: options.source, line: index + 1 })),
    { rules: options.rules ?? ALL_RULES, pss: options.pss },
  );
}

/** The refusal message: how many errors, then one finding per line. */
export function refusalMessage(source: string, findings: readonly Finding[]): string {
  const count = `${findings.length} unsuppressed error${findings.length === 1 ? '' : 's'}`;
  return (
    `refusing to deploy ${source}: ${count}. Fix them, or suppress each with the ` +
    `'bulwark.dev/suppress' annotation and a reason:\n` +
    findings.map((f) => `  ${formatFinding(f)}`).join('\n')
  );
}

/**
 * The synthesized blueprint of one environment, checked and deployed. Every object becomes one
 * typed Kubernetes resource (`<kind>-<namespace>-<name>`) parented to this component and created
 * with `args.provider`. Throws a `ResourceError` listing the findings, and registers nothing, when
 * any rule reports an unsuppressed error.
 */
export class BlueprintRelease extends pulumi.ComponentResource {
  /** The gate's report. */
  public readonly report: Report;
  /** The counts of the gate's report, also the component's output. */
  public readonly summary: ReportSummary;
  /** The registered resources by Pulumi name, in registration order. */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  /**
   * @param name The unique name of the release; by convention the environment name.
   * @param args The objects, provider and gate settings.
   * @param opts Options of the component.
   */
  constructor(name: string, args: BlueprintReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // The objects are not component inputs: they are the children's inputs, registered below.
    super(BLUEPRINT_RELEASE_TYPE, name, {}, opts);
    const source = args.source ?? name;
    this.report = gate(args.objects, { pss: args.pss, rules: args.rules, source });
    this.summary = this.report.summary;
    const blocking = blockingFindings(this.report);
    if (blocking.length > 0) {
      throw new pulumi.ResourceError(refusalMessage(source, blocking), this, true);
    }
    this.resources = registerObjects(args.objects, { provider: args.provider, parent: this });
    this.registerOutputs({ summary: this.summary });
  }
}
