/**
 * Evaluates generated ValidatingAdmissionPolicies offline with @bufbuild/cel (the CommonJS build,
 * so plain `import` works under ts and jest): what the API server would decide for one object,
 * validation by validation. Used by the tests to compare the guards with the rule engine.
 *
 * Like the API server it hands CEL the object as JSON without nulls and with integers as CEL ints,
 * evaluates variables in order, and treats an evaluation error as a denial (failurePolicy Fail).
 * Unlike it, variables are evaluated eagerly and an error in one fails every validation: stricter.
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { isObject } from '../k8s';
import type { K8sObject } from '../types';
import { KIND_RESOURCES } from './kinds';
import { ruleIdOfMessage } from './policies';

/** The outcome of one validation. */
export interface ValidationVerdict {
  /** The rule the validation guards (from its message), or '' when the message names none. */
  readonly ruleId: string;
  readonly allowed: boolean;
  readonly message: string;
  /** The evaluation error, when the expression failed rather than returned false. */
  readonly error?: string;
}

type Program = (bindings: Record<string, unknown>) => unknown;

const env = celEnv();
const programs = new Map<string, Program>();

/** Parses and plans an expression once; throws with the expression on a syntax error. */
export function compile(expression: string): Program {
  let program = programs.get(expression);
  if (!program) {
    try {
      program = plan(env, parse(expression)) as Program;
    } catch (error) {
      throw new Error(`CEL does not parse: ${(error as Error).message}\n${expression}`);
    }
    programs.set(expression, program);
  }
  return program;
}

/** The object as the API server's CEL sees it: nulls dropped (typed decoding does), integers as int. */
export function celInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(celInput);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, celInput(v)]),
    );
  }
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

/** True when the policy's matchConstraints name the resource of the object's kind. */
export function policyMatches(policy: K8sObject, object: K8sObject): boolean {
  const resource = KIND_RESOURCES[object.kind ?? ''];
  if (!resource) return false;
  const spec = policy.spec as {
    matchConstraints?: { resourceRules?: { apiGroups: string[]; resources: string[] }[] };
  };
  const rules = spec?.matchConstraints?.resourceRules ?? [];
  return rules.some(
    (r) => r.apiGroups.includes(resource.group) && r.resources.includes(resource.resources[0]),
  );
}

/** The request being judged: a CREATE by default, or an UPDATE from `oldObject`. */
export interface OfflineRequest {
  readonly operation: 'CREATE' | 'UPDATE';
  readonly oldObject?: K8sObject;
}

/**
 * Evaluates every validation of `policy` for `object`; undefined when the policy does not match it
 * (its resources or its match conditions). A match condition that fails to evaluate counts as a
 * match, so the validations (and the error) decide, as failurePolicy Fail would.
 */
export function evaluatePolicy(
  policy: K8sObject,
  object: K8sObject,
  request: OfflineRequest = { operation: 'CREATE' },
): ValidationVerdict[] | undefined {
  if (!policyMatches(policy, object)) return undefined;
  const spec = policy.spec as {
    matchConditions?: { name: string; expression: string }[];
    variables?: { name: string; expression: string }[];
    validations: Validation[];
  };
  const context = {
    object: celInput(object),
    oldObject: request.oldObject === undefined ? null : celInput(request.oldObject),
    request: { operation: request.operation },
  };
  for (const condition of spec.matchConditions ?? []) {
    if (compile(condition.expression)(context) === false) return undefined;
  }
  const variables: Record<string, unknown> = {};
  let failure: string | undefined;
  for (const v of spec.variables ?? []) {
    const value = compile(v.expression)({ ...context, variables });
    if (isCelError(value)) {
      failure = `variable ${v.name}: ${value.message}`;
      break;
    }
    variables[v.name] = value;
  }
  return spec.validations.map((validation) => {
    const ruleId = ruleIdOfMessage(validation.message) ?? '';
    if (failure !== undefined) return { ruleId, allowed: false, message: validation.message, error: failure };
    const result = compile(validation.expression)({ ...context, variables });
    if (typeof result === 'boolean') return { ruleId, allowed: result, message: validation.message };
    const error = isCelError(result) ? result.message : `returned ${String(result)}, not a bool`;
    return { ruleId, allowed: false, message: validation.message, error };
  });
}

interface Validation {
  readonly expression: string;
  readonly message: string;
}

/** Every validation verdict of every policy matching `object`. */
export function evaluatePolicies(
  policies: readonly K8sObject[],
  object: K8sObject,
  request?: OfflineRequest,
): ValidationVerdict[] {
  return policies.flatMap((p) => evaluatePolicy(p, object, request) ?? []);
}
