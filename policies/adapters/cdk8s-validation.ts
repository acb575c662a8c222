/**
 * The cdk8s validation plugin: `cdk8s synth` with this project's `cdk8s.yaml` runs Bulwark's rules
 * on the synthesized manifests and fails (exit 2) on unsuppressed errors. Warnings and infos are
 * reported as violations too, but only errors fail the report, as in `bulwark check`.
 *
 * The interface mirrors cdk8s-cli's `Validation` (`cdk8s-cli/plugins`): `validate(context)` with
 * `context.manifests`, `context.report.addViolation(...)` and `context.report.submit(...)`.
 */
import { evaluate } from '../engine';
import { loadPaths } from '../loader';
import { parsePssSelection } from '../pss-selection';
import { ALL_RULES } from '../rules';

/** The subset of cdk8s-cli's ValidationContext the plugin uses. */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/** Properties from `cdk8s.yaml` (`validations[].properties`). */
export interface BulwarkValidationProperties {
  /** `baseline` or `restricted`, optionally `@vX.Y`. @default 'restricted' */
  readonly pss?: string;
}

/** The plugin class cdk8s instantiates with `new BulwarkValidation(properties)`. */
export class BulwarkValidation {
  constructor(private readonly properties: BulwarkValidationProperties = {}) {}

  /** Checks `context.manifests` with every rule and reports each unsuppressed finding as a violation. */
  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const sources = loadPaths([...context.manifests]);
    const report = evaluate(sources, {
      rules: ALL_RULES,
      pss: parsePssSelection(this.properties.pss ?? 'restricted'),
    });
    for (const f of report.findings) {
      if (f.suppressed) continue;
      context.report.addViolation({
        ruleName: `${f.ruleId} (${f.severity})`,
        recommendation: f.message,
        fix: f.remediation,
        violatingResources: [
          {
            resourceName: `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`,
            locations: [f.path],
            manifestPath: f.file,
          },
        ],
      });
    }
    const s = report.summary;
    context.report.submit(s.errors > 0 ? 'failure' : 'success', {
      objects: String(s.objects),
      errors: String(s.errors),
      warnings: String(s.warnings),
      suppressed: String(s.suppressed),
    });
  }
}
