/**
 * Runs the rule engine on a cdk8s chart in memory: the building block of the jest helper and of
 * any test that wants a report for constructs it built.
 */
import type { Chart } from 'cdk8s';
import { evaluate } from '../engine';
import type { PssSelection } from '../pss-selection';
import { ALL_RULES } from '../rules';
import type { Rule } from '../rule';
import type { K8sObject, Report } from '../types';

/** Options of `checkChart`. */
export interface CheckChartOptions {
  /** Pod Security Standards level and version. @default restricted@latest */
  readonly pss?: PssSelection;
  /** Only rules whose id starts with one of these prefixes. @default every rule */
  readonly only?: readonly string[];
  /** The rules. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

/** Synthesizes `chart` (running its validations) and evaluates every object. */
export function checkChart(chart: Chart, options: CheckChartOptions = {}): Report {
  const objects = chart.toJson() as K8sObject[];
  const path = chart.node.path || chart.node.id;
  const sources = objects.map((object, index) => ({ object, file: `${path}#${index}`, line: 1 }));
  return evaluate(sources, { rules: options.rules ?? ALL_RULES, pss: options.pss, only: options.only });
}
