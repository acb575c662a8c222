/**
 * Guards for the workload rules whose verdict depends on the object alone: image references,
 * identity, filesystem and probes. Each mirrors its rule in policies/rules/workload.
 */
import { LONG_RUNNING_KINDS } from '../k8s';
import { absentOr, all, any, equals, lit, not, present, presentAnd } from './cel';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS } from './kinds';
import { everyContainer, POD_SC, POD_SPEC } from './pod';

const SC = 'securityContext';

// Image references, as policies/analysis/images.ts parses them. The part before the first '@'
// has a tag when it ends in ':<tag>' after its last '/'; a digest is '@sha256:<64 hex>' at the end.
const PINNED = lit('@sha256:[0-9a-f]{64}$');
const TAGGED = lit('^[^@]*:[^:/@]+(@|$)');
const LATEST = lit('^[^@]*:latest(@|$)');

/** Long-running kinds the guardrails check (all of LONG_RUNNING_KINDS are guarded pod kinds). */
const LONG_RUNNING = LONG_RUNNING_KINDS.filter((k) => GUARDED_POD_KINDS.includes(k));

/** The effective value of a pod-level ID field for container `c`: its own, else the pod's. */
function idAtLeast(field: string, minimum: number): string {
  return `(${present('c', [SC, field])} ? c.${SC}.${field} >= ${minimum} : ${presentAnd(POD_SC, [field], (v) => `${v} >= ${minimum}`)})`;
}

/** The first non-empty of `serviceAccountName`, the deprecated `serviceAccount`, else 'default'. */
const SERVICE_ACCOUNT = `(${presentAnd(POD_SPEC, ['serviceAccountName'], (n) => `${n} != ''`)} ? ${POD_SPEC}.serviceAccountName : (${presentAnd(POD_SPEC, ['serviceAccount'], (n) => `${n} != ''`)} ? ${POD_SPEC}.serviceAccount : 'default'))`;

/** Every regular container (init and ephemeral containers cannot carry probes) has `probe`. */
const everyRegularContainerHas = (probe: string) =>
  absentOr(POD_SPEC, ['containers'], (list) => `${list}.all(c, has(c.${probe}))`);

export const WORKLOAD_GUARDS: readonly Guard[] = [
  {
    ruleId: 'workload.bare-pod',
    kinds: ['Pod'],
    expression: presentAnd('object', ['metadata', 'ownerReferences'], (o) => `size(${o}) > 0`),
  },
  {
    ruleId: 'workload.default-service-account',
    kinds: GUARDED_POD_KINDS,
    expression: `${SERVICE_ACCOUNT} != 'default'`,
  },
  {
    ruleId: 'workload.high-uid-gid',
    kinds: GUARDED_POD_KINDS,
    // The rule's own constant; user-namespace and Windows pods are out of its scope.
    expression: any(
      'variables.userNamespace',
      'variables.isWindows',
      everyContainer(all(idAtLeast('runAsUser', 10000), idAtLeast('runAsGroup', 10000))),
    ),
  },
  {
    ruleId: 'workload.image-digest',
    kinds: GUARDED_POD_KINDS.filter((k) => k !== 'Pod'),
    note: 'Pods are left out: mutating webhooks such as the Vault Agent Injector add containers whose images the manifest does not choose; the pod templates Bulwark and its users write are checked.',
    expression: everyContainer(absentOr('c', ['image'], (i) => `${i}.matches(${PINNED})`)),
  },
  {
    ruleId: 'workload.image-tag',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      absentOr('c', ['image'], (i) =>
        any(`${i}.matches(${PINNED})`, all(`${i}.matches(${TAGGED})`, not(`${i}.matches(${LATEST})`))),
      ),
    ),
  },
  {
    ruleId: 'workload.liveness-probe',
    kinds: LONG_RUNNING,
    expression: everyRegularContainerHas('livenessProbe'),
  },
  {
    ruleId: 'workload.read-only-root-filesystem',
    kinds: GUARDED_POD_KINDS,
    expression: any(
      'variables.isWindows',
      everyContainer(equals('c', [SC, 'readOnlyRootFilesystem'], 'true')),
    ),
  },
  {
    ruleId: 'workload.readiness-probe',
    kinds: LONG_RUNNING,
    expression: everyRegularContainerHas('readinessProbe'),
  },
  {
    ruleId: 'workload.root-group',
    kinds: GUARDED_POD_KINDS,
    expression: all(
      not(equals(POD_SC, ['runAsGroup'], '0')),
      not(equals(POD_SC, ['fsGroup'], '0')),
      absentOr(POD_SC, ['supplementalGroups'], (g) => `!(0 in ${g})`),
      everyContainer(not(equals('c', [SC, 'runAsGroup'], '0'))),
    ),
  },
];
