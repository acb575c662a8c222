/**
 * Roles do not modify admission webhooks or admission policies. Whoever controls them can read
 * (validating) or rewrite (mutating) every object sent to the API server, or switch off the
 * guardrails, including Bulwark's own ValidatingAdmissionPolicies.
 *
 * Fields: rules[*] granting create/update/patch/delete/deletecollection on
 * admissionregistration.k8s.io webhook configurations and admission policies (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const WEBHOOK_CONFIG_GRANTS: readonly Permission[] = [
  {
    apiGroup: 'admissionregistration.k8s.io',
    resources: [
      'validatingwebhookconfigurations',
      'mutatingwebhookconfigurations',
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
    ],
    verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
  },
];

export const webhookConfig = defineRule({
  id: 'rbac.webhook-config',
  title: 'Roles do not modify admission control',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.12', 'nsa:authentication-authorization', 'kbp:RBAC-014'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Admission webhooks and policies see and can change every object admitted; write access lets the holder intercept Secrets or disable guardrails.',
  remediation:
    'Remove write access to admission webhook configurations and admission policies; manage them through the platform pipeline.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
  ],
  check(target) {
    return grantFindings(target.object, WEBHOOK_CONFIG_GRANTS);
  },
});
