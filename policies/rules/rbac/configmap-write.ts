/**
 * Roles do not rewrite ConfigMaps wholesale, nor the ConfigMaps that configure the cluster itself.
 * Applications read their configuration from ConfigMaps, so update or patch on every ConfigMap in
 * scope lets the holder change what other workloads run with; in kube-system the same grant
 * rewrites cluster DNS (coredns, CoreDNS poisoning) or, on EKS, the IAM-to-RBAC mapping (aws-auth,
 * whose editor can make any IAM identity cluster-admin).
 *
 * A rule limited by `resourceNames` to the app's own ConfigMaps passes: that is the least-privilege
 * form of the grant. It is still reported when it names one of the ConfigMaps that configure the
 * cluster: aws-auth (EKS identities), coredns and coredns-custom (CoreDNS, the latter on AKS and
 * k3s), kube-dns (kube-dns stub domains), kube-proxy (Service routing on every node) and
 * extension-apiserver-authentication (the client CAs aggregated API servers trust). The message
 * names the ConfigMaps of a named rule, and says so when the Role is in kube-system.
 *
 * Fields: rules[*] granting update or patch on configmaps of the core group (including through `*`).
 */
import { grantedBy, policyRulesOf, quoted, type Permission } from '../../analysis/rbac';
import { namespaceOf } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const CONFIGMAP_WRITE_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['configmaps'], verbs: ['update', 'patch'] },
];

/** ConfigMaps whose content configures the cluster rather than one application. */
export const CLUSTER_CONFIGMAPS: readonly string[] = [
  'aws-auth',
  'coredns',
  'coredns-custom',
  'extension-apiserver-authentication',
  'kube-dns',
  'kube-proxy',
];

export const configmapWrite = defineRule({
  id: 'rbac.configmap-write',
  title: 'Roles write only named application ConfigMaps',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['nsa:authentication-authorization', 'kbp:RBAC-020'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'Writing every ConfigMap in scope changes the configuration other workloads run with; in kube-system it rewrites cluster DNS (coredns) or the EKS identity mapping (aws-auth).',
  remediation:
    "Limit update and patch to the app's own ConfigMaps with `resourceNames`, and leave the cluster's ConfigMaps to the platform pipeline.",
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
    'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
  ],
  check(target) {
    const kubeSystem = target.object.kind === 'Role' && namespaceOf(target.object) === 'kube-system';
    const findings: RuleFinding[] = [];
    for (const rule of policyRulesOf(target.object)) {
      const { verbs } = grantedBy(rule, CONFIGMAP_WRITE_GRANTS);
      if (verbs.length === 0) continue;
      const names = rule.resourceNames;
      if (names.length > 0 && !names.some((n) => CLUSTER_CONFIGMAPS.includes(n))) continue;
      const named = names.length > 0 ? ` named ${quoted(names)}` : '';
      const where = kubeSystem
        ? ' in namespace "kube-system", which holds the cluster\'s DNS and identity ConfigMaps'
        : '';
      findings.push({
        path: rule.path,
        message: `${rule.path} grants ${quoted(verbs)} on "configmaps"${named}${where}`,
      });
    }
    return findings;
  },
});
