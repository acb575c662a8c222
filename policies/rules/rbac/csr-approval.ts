/**
 * Roles do not approve CertificateSigningRequests. Approving (update on the approval subresource
 * plus approve on a signer) issues client certificates, including ones for system:masters.
 *
 * Fields: rules[*] granting update/patch on certificatesigningrequests/approval, or approve on
 * signers (including through `*`).
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

const GROUP = 'certificates.k8s.io';
/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const CSR_APPROVAL_GRANTS: readonly Permission[] = [
  { apiGroup: GROUP, resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
  { apiGroup: GROUP, resources: ['signers'], verbs: ['approve'] },
];

export const csrApproval = defineRule({
  id: 'rbac.csr-approval',
  title: 'Roles do not approve certificate signing requests',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.11', 'nsa:authentication-authorization', 'kbp:RBAC-013'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Whoever can approve CSRs can issue themselves a client certificate for any user or group, including cluster administrators.',
  remediation:
    'Remove approval rights; leave CSR approval to the controller manager or a dedicated, audited approver.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
  ],
  check(target) {
    return grantFindings(target.object, CSR_APPROVAL_GRANTS);
  },
});
