/**
 * A fixed report for the reporter golden tests: every severity, a suppressed finding, an object
 * without findings, a cluster-scoped object, and text that needs escaping in every format.
 */
import { compareFindings } from '../../../policies/engine';
import type { Finding, Report, RuleMeta } from '../../../policies/types';

export const SAMPLE_RULES: readonly RuleMeta[] = [
  {
    id: 'pss.restricted.runAsNonRoot',
    title: 'Containers must run as non-root',
    pack: 'pss',
    severity: 'error',
    frameworks: ['pss:restricted', 'cis:5.2.6'],
    kinds: ['Deployment'],
    description: 'Containers running as root can take over the node when they escape.',
    remediation: 'Set securityContext.runAsNonRoot to true',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  {
    id: 'rbac.wildcard-rules',
    title: 'Roles must not use wildcards',
    pack: 'rbac',
    severity: 'warning',
    frameworks: ['cis:5.1.3'],
    kinds: ['ClusterRole'],
    description: 'Wildcards grant every current and future resource or verb.',
    remediation: 'List the resources and verbs the role needs',
  },
  {
    id: 'workload.image-digest',
    title: 'Images must be pinned by digest',
    pack: 'workload',
    severity: 'warning',
    frameworks: ['nsa:supply-chain'],
    kinds: ['Deployment'],
    description: 'A tag can be moved to a different image; a digest cannot.',
    remediation: 'Reference the image as name@sha256:<digest>',
  },
  {
    id: 'workload.recommended-labels',
    title: 'Objects should carry the app.kubernetes.io labels',
    pack: 'workload',
    severity: 'info',
    frameworks: ['meta:labels'],
    kinds: ['*'],
    description: 'Labels let tools and people find what an object belongs to.',
    remediation: 'Add app.kubernetes.io/name and app.kubernetes.io/part-of',
  },
];

const orders = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'orders' };
const admin = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  namespace: '',
  name: 'admin',
};
const clean = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' };

const base = (rule: RuleMeta): Pick<Finding, 'ruleId' | 'severity' | 'remediation' | 'frameworks'> => ({
  ruleId: rule.id,
  severity: rule.severity,
  remediation: rule.remediation,
  frameworks: rule.frameworks,
});
const [runAsNonRoot, wildcard, digest, labels] = SAMPLE_RULES;

export const SAMPLE_REPORT: Report = {
  summary: { objects: 3, errors: 1, warnings: 1, infos: 1, suppressed: 1 },
  findings: [
    {
      ...base(runAsNonRoot),
      message: 'container "app" must set securityContext.runAsNonRoot=true',
      object: orders,
      file: 'manifests/shop.yaml',
      line: 14,
      path: 'spec.template.spec.containers[0].securityContext',
      suppressed: false,
      suppression: null,
    },
    {
      ...base(digest),
      message: 'container "app" image "shop/orders:1.2 <beta> & co" is not pinned by digest',
      object: orders,
      file: 'manifests/shop.yaml',
      line: 16,
      path: 'spec.template.spec.containers[0].image',
      suppressed: true,
      suppression: {
        reason: 'digest pinned by the release pipeline | see OPS-42',
        source: 'metadata.annotations',
      },
    },
    {
      ...base(labels),
      message: 'object has no "app.kubernetes.io/name" label',
      object: orders,
      file: 'manifests/shop.yaml',
      line: 5,
      path: 'metadata.labels',
      suppressed: false,
      suppression: null,
    },
    {
      ...base(wildcard),
      message: 'rule 0 grants verbs "*" on resources "*"',
      object: admin,
      file: 'manifests/rbac.yaml',
      line: 7,
      path: 'rules[0]',
      suppressed: false,
      suppression: null,
    },
  ].sort(compareFindings),
  rules: SAMPLE_RULES,
  objects: [
    { ref: orders, file: 'manifests/shop.yaml', line: 1 },
    { ref: clean, file: 'manifests/shop.yaml', line: 30 },
    { ref: admin, file: 'manifests/rbac.yaml', line: 1 },
  ],
};

/** The same report with nothing in it. */
export const EMPTY_REPORT: Report = {
  summary: { objects: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0 },
  findings: [],
  rules: [],
  objects: [],
};
