/**
 * A jest matcher for people who extend the constructs: `expect(chart).toPassBulwarkRules()` fails
 * with every finding listed (rule, object, path, message) unless the chart passes every rule.
 *
 * @example
 * import { bulwarkMatchers } from 'bulwark/jest';
 * expect.extend(bulwarkMatchers);
 * expect(chart).toPassBulwarkRules();                       // zero findings of any severity
 * expect(chart).toPassBulwarkRules({ allow: ['warning', 'info'] }); // errors only
 */
import type { Chart } from 'cdk8s';
import type { Severity } from '../types';
import { checkChart, type CheckChartOptions } from './check-chart';

/** Options of `toPassBulwarkRules`. */
export interface PassRulesOptions extends CheckChartOptions {
  /** Severities that do not fail the assertion. @default none: every unsuppressed finding fails */
  readonly allow?: readonly Severity[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Passes when the chart has no unsuppressed finding (of a severity not in `allow`). */
      toPassBulwarkRules(options?: PassRulesOptions): R;
    }
  }
}

/** The matchers, for `expect.extend(bulwarkMatchers)`. */
export const bulwarkMatchers = {
  toPassBulwarkRules(received: Chart, options: PassRulesOptions = {}) {
    const report = checkChart(received, options);
    const allowed = new Set(options.allow ?? []);
    const failing = report.findings.filter((f) => !f.suppressed && !allowed.has(f.severity));
    const lines = failing.map(
      (f) =>
        `  ${f.severity} ${f.ruleId} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name} ${f.path}: ${f.message}`,
    );
    return {
      pass: failing.length === 0,
      message: () =>
        failing.length === 0
          ? `expected the chart to fail at least one Bulwark rule, but all ${report.summary.objects} objects passed`
          : `expected the chart to pass every Bulwark rule, but ${failing.length} finding(s) remain:\n${lines.join('\n')}`,
    };
  },
};
