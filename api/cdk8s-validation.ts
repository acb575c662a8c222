/**
 * The cdk8s validation plugin, at a path that stays stable across releases. A consumer's
 * `cdk8s.yaml` names the compiled file (cdk8s loads plugins by path, not by package export):
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/bulwark/lib/api/cdk8s-validation.js
 *     version: 0.1.0
 *     class: BulwarkValidation
 *     properties: { pss: restricted }
 * ```
 *
 * @packageDocumentation
 */
export {
  BulwarkValidation,
  type BulwarkValidationProperties,
  type Cdk8sValidationContext,
} from '../policies/adapters/cdk8s-validation';
