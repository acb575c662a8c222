/**
 * docs/admission.md, rendered from the registry: which rules the cluster guardrails enforce, on which
 * kinds, and why every other rule is left to `bulwark check`. A test fails when the file is stale;
 * `npx tsx policies/admission/generate-doc.ts` rewrites it.
 */
import { ALL_RULES } from '../rules';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS } from './kinds';
import { GUARDED_PSS_VERSION } from './pss';
import { GUARDS, UNGUARDED } from './registry';

/** Where the document lives, relative to the repository root. */
export const ADMISSION_DOC_PATH = 'docs/admission.md';

const CATEGORY: Record<string, string> = {
  subsumed: 'subsumed at restricted',
  'cross-object': 'needs other objects',
  inexpressible: 'not expressible in CEL',
  'not-at-admission': 'does not apply at admission',
  advisory: 'advisory only',
};

const severityOf = new Map(ALL_RULES.map((r) => [r.id, r.severity]));

function kindsOf(guard: Guard): string {
  const pods = GUARDED_POD_KINDS.every((k) => guard.kinds.includes(k));
  const rest = guard.kinds.filter((k) => !pods || !GUARDED_POD_KINDS.includes(k));
  return [...(pods ? ['pod-bearing kinds'] : []), ...rest].join(', ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown text of docs/admission.md. */
export function admissionDoc(): string {
  const guarded = GUARDS.map(
    (g) =>
      `| \`${g.ruleId}\` | ${severityOf.get(g.ruleId)} | ${kindsOf(g)} | \`bulwark-${g.ruleId.split('.')[0]}\` |${g.note ? ` ${cell(g.note)}` : ''} |`,
  );
  const unguarded = UNGUARDED.map(
    (u) => `| \`${u.ruleId}\` | ${severityOf.get(u.ruleId)} | ${CATEGORY[u.category]} | ${cell(u.reason)} |`,
  );
  return [
    '# Admission guardrails',
    '',
    '<!-- Generated from policies/admission by `npx tsx policies/admission/generate-doc.ts`. Do not edit:',
    '     tests/policies/admission/docs.test.ts fails when this file is stale. -->',
    '',
    "The `ClusterGuardrails` construct (constructs/cluster-guardrails.ts), part of every environment's",
    'blueprint, enforces the rules below inside the cluster with `admissionregistration.k8s.io/v1`',
    'ValidatingAdmissionPolicies, so a manifest applied by hand is held to the same standard as the',
    "synthesized output. A guard is written only where CEL reproduces the rule's verdict on the object",
    'exactly; the differential tests compare both on every fixture.',
    '',
    '- **Policies**: one per pack (`bulwark-pss`, `bulwark-workload`, `bulwark-secrets`, `bulwark-network`,',
    '  `bulwark-rbac`, `bulwark-services`), one CEL validation per rule. Every denial message starts with',
    '  the rule id and ends with its remediation. `failurePolicy: Fail`; operations CREATE and UPDATE.',
    "  Like Pod Security Admission, pod policies skip updates that leave the pod spec unchanged (a Pod's",
    "  spec and annotations, a controller's pod template), so scaling an old ReplicaSet down or orphaning",
    '  pods is never blocked by a rule added after they were admitted.',
    '- **Scope**: namespaced objects in namespaces labelled `bulwark.dev/managed: "true"` (every',
    '  SecureNamespace; never kube-system). Cluster-scoped objects (Namespaces, ClusterRoles and',
    '  ClusterRoleBindings) are checked only when they carry that label themselves: the built-in roles',
    '  would fail the RBAC rules.',
    '- **Actions**: `[Deny, Audit]`. `mode: GuardrailMode.DRY_RUN` binds `[Warn, Audit]` instead;',
    '  `dryRunRules` holds single rules in a `bulwark-<pack>-dry-run` policy; `excludeRules` drops rules.',
    `- **Pod Security Standards**: restricted at ${GUARDED_PSS_VERSION}, every check that version runs.`,
    '  Pod-bearing kinds are Pod (including `pods/ephemeralcontainers`), Deployment, StatefulSet,',
    '  DaemonSet, ReplicaSet, ReplicationController, Job and CronJob (PodTemplate objects run nothing and',
    '  are not checked). An environment pinning another version sets `podSecurityStandards: false` and',
    '  leaves these checks to Pod Security Admission.',
    '- **Suppressions**: ignored unless `honorSuppressions: true`, since in the cluster whoever can write',
    '  an object can write its `bulwark.dev/suppress` annotation.',
    '',
    `## Guarded rules (${GUARDS.length})`,
    '',
    '| Rule | Severity | Kinds checked | Policy | Note |',
    '| --- | --- | --- | --- | --- |',
    ...guarded,
    '',
    `## Rules left to \`bulwark check\` (${UNGUARDED.length})`,
    '',
    '| Rule | Severity | Category | Why |',
    '| --- | --- | --- | --- |',
    ...unguarded,
    '',
  ].join('\n');
}
