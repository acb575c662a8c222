/**
 * Pulumi helpers: deploy synthesized objects behind Bulwark's policy gate, and create the Vault side.
 * Needs the optional peer dependencies `@pulumi/pulumi`, `@pulumi/kubernetes` and `@pulumi/vault`.
 *
 * @example
 * const release = new BlueprintRelease(env.name, { objects: sortObjects(chart.toJson()), provider });
 * export const compliance = release.summary;
 *
 * @packageDocumentation
 */
export {
  BLUEPRINT_RELEASE_TYPE,
  BlueprintRelease,
  blockingFindings,
  formatFinding,
  gate,
  refusalMessage,
  type BlueprintReleaseArgs,
} from '../stacks/blueprint-release';
export {
  POD_PREREQUISITE_KINDS,
  planRegistration,
  registerObjects,
  resourceClassFor,
  resourceNameOf,
  type PlannedResource,
  type RegisterObjectsOptions,
} from '../stacks/register';
export { registerVaultSide, type RegisterVaultSideOptions, type VaultSideResources } from '../stacks/vault';
