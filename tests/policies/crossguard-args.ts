/**
 * Hand-built CrossGuard arguments, the way the policy runtime builds them (the pattern of
 * `createResourceValidationArgs` / `runResourcePolicy` in pulumi/compliance-policies' unit-test
 * helpers), so the pack's policies run in jest without the Pulumi CLI.
 */
import type {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import { bulwarkPolicies, type BulwarkPolicyConfig } from '../../policies/crossguard/policies';
import type { K8sObject } from '../../policies/types';

/** A resource as CrossGuard sees it. */
export interface PolicyInput {
  /** Type token, e.g. `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** Pulumi resource name. */
  readonly name: string;
  readonly props: Record<string, unknown>;
}

export const POLICIES = bulwarkPolicies();
export const OBJECT_POLICIES = POLICIES.filter((p) => 'validateResource' in p) as ResourceValidationPolicy[];
export const STACK_POLICIES = POLICIES.filter((p) => 'validateStack' in p) as StackValidationPolicy[];

/** `kubernetes:apps/v1:Deployment` for an object. */
export function typeOf(object: K8sObject): string {
  const v = object.apiVersion!;
  return `kubernetes:${v.includes('/') ? v : `core/${v}`}:${object.kind}`;
}

/** The policy input of a manifest; `props` defaults to the manifest itself. */
export function inputOf(object: K8sObject, props: Record<string, unknown> = object): PolicyInput {
  return { type: typeOf(object), name: `${object.kind}-${object.metadata?.name}`.toLowerCase(), props };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::bulwark::bulwark:k8s:BlueprintRelease$${type}::${name}`;
}

function notApplicable(reason?: string): never {
  throw new Error(`not applicable: ${reason}`);
}

export function resourceArgs(input: PolicyInput, config: BulwarkPolicyConfig = {}): ResourceValidationArgs {
  const { type, name, props } = input;
  const isType = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type;
  return {
    type,
    props,
    urn: urnOf(type, name),
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      additionalSecretOutputs: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    },
    stackTags: new Map(),
    isType: isType as ResourceValidationArgs['isType'],
    asType: ((cls: unknown) => (isType(cls) ? props : undefined)) as ResourceValidationArgs['asType'],
    getConfig: <T extends object>() => config as T,
    notApplicable,
  } as ResourceValidationArgs;
}

export function stackArgs(
  inputs: readonly PolicyInput[],
  config: BulwarkPolicyConfig = {},
): StackValidationArgs {
  const resources = inputs.map((input) => {
    const { type, props, urn, name, opts, isType, asType } = resourceArgs(input);
    return {
      type,
      props,
      urn,
      name,
      opts,
      isType,
      asType,
      dependencies: [],
      propertyDependencies: {},
    } as PolicyResource;
  });
  return { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
}

export async function runResource(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
): Promise<string[]> {
  const violations: string[] = [];
  const validators = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource!];
  for (const validate of validators) await validate(args, (message) => violations.push(message));
  return violations;
}

export async function runStack(
  policy: StackValidationPolicy,
  args: StackValidationArgs,
): Promise<{ message: string; urn?: string }[]> {
  const violations: { message: string; urn?: string }[] = [];
  await policy.validateStack(args, (message, urn) => violations.push({ message, urn }));
  return violations;
}

/** Every violation of every policy over `inputs`, as `policy: message`. */
export async function allViolations(
  inputs: readonly PolicyInput[],
  config: BulwarkPolicyConfig = {},
): Promise<string[]> {
  const out: string[] = [];
  for (const policy of OBJECT_POLICIES) {
    for (const input of inputs) {
      out.push(
        ...(await runResource(policy, resourceArgs(input, config))).map((m) => `${policy.name}: ${m}`),
      );
    }
  }
  for (const policy of STACK_POLICIES) {
    out.push(
      ...(await runStack(policy, stackArgs(inputs, config))).map((v) => `${policy.name}: ${v.message}`),
    );
  }
  return out;
}
