/**
 * Guards for the workload rules whose verdict depends on the object alone: image references,
 * identity, filesystem and probes, and the Pod Security labels of Namespaces. Each mirrors its rule
 * in policies/rules/workload.
 */
import { DANGEROUS_CAPABILITY_PATTERN } from '../analysis/capabilities';
import { SUDO_PATTERN } from '../analysis/commands';
import { RUNTIME_SOCKET_PATTERN, SENSITIVE_PATH_PATTERN } from '../analysis/host-paths';
import {
  DASHBOARD_IMAGE_PATTERN,
  DEPRECATED_REGISTRY_PATTERN,
  TILLER_IMAGE_PATTERN,
} from '../analysis/images';
import {
  ENFORCE_LABEL,
  ENFORCE_VERSION_LABEL,
  ENFORCING_LEVELS,
  PSA_VERSION,
} from '../analysis/pod-security-labels';
import { LONG_RUNNING_KINDS } from '../k8s';
import { GIT_SYNC_GIT_VARIABLES } from '../rules/workload/git-sync-exec';
import { DASHBOARD_LABEL_KEYS, DASHBOARD_LABEL_VALUE } from '../rules/workload/kubernetes-dashboard';
import { LISTEN_FLAG_PATTERN, LOOPBACK_LISTEN_PATTERN } from '../rules/workload/tiller';
import { absentOr, all, any, equals, lit, litList, not, present, presentAnd } from './cel';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS } from './kinds';
import { everyContainer, POD_METADATA, POD_SC, POD_SPEC } from './pod';

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

/** The object's own labels: whether it has label `key`, and its value (guarded by the former). */
const LABELS = 'object.metadata.labels';
const hasLabel = (key: string) =>
  `(${present('object', ['metadata', 'labels'])} && ${lit(key)} in ${LABELS})`;
const label = (key: string) => `${LABELS}[${lit(key)}]`;

/** Enforce is baseline or restricted, and an enforce-version, when set, parses (mirrors the rule). */
const ENFORCES_POD_SECURITY = all(
  hasLabel(ENFORCE_LABEL),
  `${label(ENFORCE_LABEL)} in ${litList(ENFORCING_LEVELS)}`,
  any(
    not(hasLabel(ENFORCE_VERSION_LABEL)),
    `${label(ENFORCE_VERSION_LABEL)}.matches(${lit(PSA_VERSION.source)})`,
  ),
);

/**
 * No hostPath volume's path, with a '/' appended, matches `pattern`: the host-path rules' own
 * regular expressions (policies/analysis/host-paths.ts), which compare segments as the rules do.
 */
const noHostPathMatching = (pattern: string) =>
  absentOr(
    POD_SPEC,
    ['volumes'],
    (volumes) =>
      `${volumes}.all(v, ${any(not(present('v', ['hostPath', 'path'])), `!(v.hostPath.path + '/').matches(${lit(pattern)})`)})`,
  );

/** No label of `metadata` (a has()-guarded base) marks the Kubernetes dashboard. */
const noDashboardLabel = (metadata: string) =>
  all(
    ...DASHBOARD_LABEL_KEYS.map((key) =>
      not(
        all(
          present(metadata, ['labels']),
          `${lit(key)} in ${metadata}.labels`,
          `${metadata}.labels[${lit(key)}] == ${lit(DASHBOARD_LABEL_VALUE)}`,
        ),
      ),
    ),
  );

/** The container's argument vector: `command` then `args`. */
const ARGUMENTS = '((has(c.command) ? c.command : []) + (has(c.args) ? c.args : []))';

/** The container's image, when set, does not match `pattern`. */
const imageNotMatching = (pattern: string) =>
  everyContainer(absentOr('c', ['image'], (i) => `!${i}.matches(${lit(pattern)})`));

export const WORKLOAD_GUARDS: readonly Guard[] = [
  {
    ruleId: 'workload.bare-pod',
    kinds: ['Pod'],
    expression: presentAnd('object', ['metadata', 'ownerReferences'], (o) => `size(${o}) > 0`),
  },
  {
    ruleId: 'workload.container-runtime-socket',
    kinds: GUARDED_POD_KINDS,
    expression: noHostPathMatching(RUNTIME_SOCKET_PATTERN),
  },
  {
    ruleId: 'workload.dangerous-capabilities',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      absentOr(
        'c',
        [SC, 'capabilities', 'add'],
        (add) => `!${add}.exists(x, x.matches(${lit(DANGEROUS_CAPABILITY_PATTERN)}))`,
      ),
    ),
  },
  {
    ruleId: 'workload.default-service-account',
    kinds: GUARDED_POD_KINDS,
    expression: `${SERVICE_ACCOUNT} != 'default'`,
  },
  {
    ruleId: 'workload.deprecated-registry',
    kinds: GUARDED_POD_KINDS,
    expression: imageNotMatching(DEPRECATED_REGISTRY_PATTERN),
  },
  {
    ruleId: 'workload.git-sync-exec',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(
      absentOr(
        'c',
        ['env'],
        (env) =>
          `!${env}.exists(e, ${presentAnd('e', ['name'], (n) => `${n} in ${litList(GIT_SYNC_GIT_VARIABLES)}`)})`,
      ),
    ),
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
    ruleId: 'workload.kubernetes-dashboard',
    kinds: GUARDED_POD_KINDS,
    expression: all(
      noDashboardLabel('object.metadata'),
      noDashboardLabel(POD_METADATA),
      imageNotMatching(DASHBOARD_IMAGE_PATTERN),
    ),
  },
  {
    ruleId: 'workload.liveness-probe',
    kinds: LONG_RUNNING,
    expression: everyRegularContainerHas('livenessProbe'),
  },
  {
    ruleId: 'workload.namespace-pod-security',
    kinds: ['Namespace'],
    expression: ENFORCES_POD_SECURITY,
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
  {
    ruleId: 'workload.sensitive-host-path',
    kinds: GUARDED_POD_KINDS,
    expression: noHostPathMatching(SENSITIVE_PATH_PATTERN),
  },
  {
    ruleId: 'workload.sudo-command',
    kinds: GUARDED_POD_KINDS,
    expression: everyContainer(`!${ARGUMENTS}.exists(a, a.matches(${lit(SUDO_PATTERN)}))`),
  },
  {
    ruleId: 'workload.tiller',
    kinds: GUARDED_POD_KINDS,
    // Tiller may stay when every --listen flag binds a loopback address and there is one.
    expression: everyContainer(
      any(
        not(presentAnd('c', ['image'], (i) => `${i}.matches(${lit(TILLER_IMAGE_PATTERN)})`)),
        all(
          `${ARGUMENTS}.exists(a, a.matches(${lit(LOOPBACK_LISTEN_PATTERN)}))`,
          `${ARGUMENTS}.all(a, !a.matches(${lit(LISTEN_FLAG_PATTERN)}) || a.matches(${lit(LOOPBACK_LISTEN_PATTERN)}))`,
        ),
      ),
    ),
  },
  {
    ruleId: 'workload.writable-host-path',
    kinds: GUARDED_POD_KINDS,
    // A mount is read-only, or names no hostPath volume of the pod.
    expression: everyContainer(
      absentOr(
        'c',
        ['volumeMounts'],
        (mounts) =>
          `${mounts}.all(m, ${any(
            equals('m', ['readOnly'], 'true'),
            not(present('m', ['name'])),
            not(
              presentAnd(
                POD_SPEC,
                ['volumes'],
                (volumes) =>
                  `${volumes}.exists(v, ${all(present('v', ['hostPath']), present('v', ['name']), 'v.name == m.name')})`,
              ),
            ),
          )})`,
      ),
    ),
  },
];
