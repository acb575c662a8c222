/**
 * Role rules name their verbs, resources and API groups. A `*` grants everything that exists now
 * and everything added later (new resources, CRDs, subresources), so the grant cannot be reviewed.
 * Every rule is checked, not just the first (Checkov CKV_K8S_49 only reads `rules[0]`).
 *
 * Fields: rules[*].verbs[*], rules[*].resources[*] (`*`, `pods/*`, `*\/scale`), rules[*].apiGroups[*]
 */
import { defineRule } from '../../rule';
import { policyRulesOf } from '../../analysis/rbac';
import type { RuleFinding } from '../../types';

const FIELDS = [
  ['verbs', 'every verb'],
  ['apiGroups', 'every API group'],
  ['resources', 'every resource'],
] as const;

export const wildcardRules = defineRule({
  id: 'rbac.wildcard-rules',
  title: 'Roles do not use wildcards',
  pack: 'rbac',
  severity: 'error',
  frameworks: ['cis:5.1.3', 'nsa:authentication-authorization', 'kbp:RBAC-001'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'A wildcard grants every current and future verb, resource or API group, including ones added by CRDs later, so the grant cannot be reviewed.',
  remediation: 'Replace `*` with the explicit verbs, resources and API groups the subject needs.',
  references: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
  check(target) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRulesOf(target.object)) {
      for (const [field, what] of FIELDS) {
        rule[field].forEach((value, i) => {
          if (value === '*') {
            findings.push({
              path: `${rule.path}.${field}[${i}]`,
              message: `${rule.path} grants ${what} ("*")`,
            });
          } else if (field === 'resources' && value.includes('*')) {
            findings.push({
              path: `${rule.path}.${field}[${i}]`,
              message: `${rule.path} grants resources by wildcard ("${value}")`,
            });
          }
        });
      }
    }
    return findings;
  },
});
