/**
 * The rule engine and everything around it: the rules, manifest loading, report rendering, the
 * Pod Security Standards selection, suppressions and the in-memory chart check.
 *
 * @example
 * import { ALL_RULES, evaluate, loadPaths, renderReport } from 'bulwark/policies';
 * const report = evaluate(loadPaths(['dist/prod']), { rules: ALL_RULES });
 * process.stdout.write(renderReport('text', report, { version: '0.1.0' }));
 *
 * @packageDocumentation
 */
export { compareFindings, evaluate, refOf, type EvaluateOptions } from '../policies/engine';
export { InputError } from '../policies/errors';
export {
  loadBytes,
  loadPaths,
  loadText,
  MANIFEST_EXTENSIONS,
  type LoadOptions,
  type SourceFormat,
} from '../policies/loader';
export { parsePssSelection, PSS_LATEST_VERSION, type PssSelection } from '../policies/pss-selection';
export { defineRule, type Rule, type RuleContext } from '../policies/rule';
export { ALL_RULES } from '../policies/rules';
export { NETWORK_RULES } from '../policies/rules/network';
export { PSS_RULES } from '../policies/rules/pss';
export { RBAC_RULES } from '../policies/rules/rbac';
export { SECRETS_RULES } from '../policies/rules/secrets';
export { SERVICES_RULES } from '../policies/rules/services';
export { WORKLOAD_RULES } from '../policies/rules/workload';
export {
  REPORT_FORMATS,
  REPORTERS,
  renderReport,
  type RenderOptions,
  type Reporter,
  type ReportFormat,
} from '../policies/reporters';
export { MIN_REASON_LENGTH, SUPPRESS_ANNOTATION, formatSuppressions } from '../policies/suppressions';
export type * from '../policies/types';
export { checkChart, type CheckChartOptions } from '../policies/adapters/check-chart';
export {
  BulwarkValidation,
  type BulwarkValidationProperties,
  type Cdk8sValidationContext,
} from '../policies/adapters/cdk8s-validation';
export {
  analyzeReachability,
  type AnalyzedFlow,
  type Opening,
  type Reachability,
} from '../policies/reachability/analyze';
export { computeReachability, type Endpoint, type Flow } from '../policies/reachability/reachability';
export { formatPortSet, type PortRange, type PortSet } from '../policies/reachability/port-set';
export {
  computeEffectivePermissions,
  DANGERS,
  type Danger,
  type DangerId,
  type Grant,
  type RbacAnalysis,
  type ServiceAccountPermissions,
} from '../policies/rbac';
export { renderHtmlReport, type HtmlReportOptions } from '../policies/reporters/html';
