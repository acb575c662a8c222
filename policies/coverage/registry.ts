/**
 * How Bulwark covers each check of the scanner catalog: by the rules whose frameworks cite it
 * (`kbp:<id>`), by upstream's Pod Security Standards checks, or not at all, with the reason. A test
 * requires every catalog check to be covered or explained, and every check that three or more
 * scanners share to be covered, so the comparison in docs/rule-coverage.md cannot drift.
 */
import type { Rule } from '../rule';
import { CATALOG, type CatalogCheck } from './catalog';

/**
 * Catalog checks that the `pss.*` rules implement. Those rules keep upstream's identity (their
 * frameworks are the PSS level and CIS items), so the mapping lives here rather than in a tag.
 */
export const PSS_COVERAGE: Readonly<Record<string, readonly string[]>> = {
  'HOST-001': ['pss.baseline.hostNamespaces'],
  'HOST-002': ['pss.baseline.hostNamespaces'],
  'HOST-003': ['pss.baseline.hostNamespaces'],
  'HOST-004': ['pss.baseline.hostPorts'],
  'HOST-005': ['pss.baseline.hostPathVolumes', 'pss.restricted.restrictedVolumes'],
  'HOST-010': ['pss.baseline.windowsHostProcess'],
  'HOST-011': ['pss.baseline.hostProbesAndHostLifecycle'],
  'PRIV-001': ['pss.baseline.privileged'],
  'PRIV-002': ['pss.restricted.allowPrivilegeEscalation'],
  'PRIV-003': ['pss.restricted.runAsNonRoot'],
  'PRIV-004': ['pss.restricted.runAsUser'],
  'PRIV-007': ['pss.baseline.capabilities_baseline'],
  'PRIV-008': ['pss.baseline.capabilities_baseline'],
  'PRIV-009': ['pss.baseline.capabilities_baseline', 'pss.restricted.capabilities_restricted'],
  'PRIV-010': ['pss.restricted.capabilities_restricted'],
  'LSM-001': ['pss.baseline.seccompProfile_baseline'],
  'LSM-002': ['pss.restricted.seccompProfile_restricted'],
  'LSM-003': ['pss.baseline.appArmorProfile'],
  'LSM-004': ['pss.baseline.seLinuxOptions'],
  'LSM-005': ['pss.baseline.procMount', 'pss.restricted.procMount_restricted'],
  'LSM-006': ['pss.baseline.sysctls'],
  'FS-002': ['pss.restricted.restrictedVolumes'],
};

/** Why a catalog check has no rule. */
export type GapCategory =
  'review' | 'needs-outside-data' | 'policy-choice' | 'subsumed' | 'enforced-elsewhere';

/** A catalog check Bulwark deliberately does not implement as a rule. */
export interface Gap {
  readonly id: string;
  readonly category: GapCategory;
  /** One or two sentences, starting with a capital letter and ending with a period. */
  readonly reason: string;
}

const REVIEW =
  'It is an inventory for a reviewer, not a violation; Bulwark findings are violations with a remediation.';

/** The catalog checks without a rule, with the reason. */
export const GAPS: readonly Gap[] = [
  {
    id: 'LSM-007',
    category: 'subsumed',
    reason:
      'It asks for any one of seccomp, AppArmor, SELinux or a capability drop; `pss.restricted.seccompProfile_restricted` and `pss.restricted.capabilities_restricted` require both a seccomp profile and dropping ALL.',
  },
  {
    id: 'LSM-008',
    category: 'needs-outside-data',
    reason:
      'Which workloads are untrusted and which RuntimeClasses a cluster offers are not in the manifests; requiring a sandboxed runtime everywhere would fail every cluster without one.',
  },
  { id: 'FS-003', category: 'review', reason: REVIEW },
  {
    id: 'IMG-004',
    category: 'needs-outside-data',
    reason:
      "It needs an organisation's registry allow-list, which a manifest does not carry; Bulwark's environments pin images by digest instead (`workload.image-digest`).",
  },
  {
    id: 'IMG-006',
    category: 'needs-outside-data',
    reason:
      'Verifying a signature needs the registry and the signing keys; admission-time verifiers (e.g. the Sigstore policy-controller) do it in the cluster.',
  },
  {
    id: 'RES-005',
    category: 'policy-choice',
    reason:
      'Equal requests and limits (Guaranteed QoS) is a capacity choice, not a security property; Bulwark requires both to be set (`workload.cpu-request`, `workload.memory-limit` and their siblings).',
  },
  {
    id: 'SA-008',
    category: 'review',
    reason:
      'A ServiceAccount carrying a cloud IAM identity is reported for review by the one tool that lists it; it is not a violation, and the annotations differ per cloud.',
  },
  {
    id: 'NET-005',
    category: 'policy-choice',
    reason:
      'An ipBlock is the only way to allow an endpoint outside the cluster, which is how Bulwark declares external egress (`allowToCidr`); broad blocks are reported by `network.allow-all-peers`.',
  },
  {
    id: 'NET-011',
    category: 'needs-outside-data',
    reason:
      'The list of sensitive admin UIs is open-ended and known only from a cluster scan; every NodePort and LoadBalancer Service is already reported (`services.node-port`, `services.load-balancer`).',
  },
  {
    id: 'NET-013',
    category: 'enforced-elsewhere',
    reason:
      'Port consistency is correctness rather than security: the API server rejects invalid port names, and a probe aimed at a wrong port fails visibly at the first rollout.',
  },
  {
    id: 'NET-015',
    category: 'policy-choice',
    reason: 'The DNS ndots option is performance tuning with no security effect.',
  },
  {
    id: 'RBAC-024',
    category: 'review',
    reason:
      'It lists bindings to the dashboard for review; the dashboard itself is reported by `workload.kubernetes-dashboard`.',
  },
  {
    id: 'NS-004',
    category: 'review',
    reason:
      'Whether workloads are split over purpose-specific namespaces cannot be decided from one manifest; Bulwark gives every team its own SecureNamespace by construction.',
  },
  {
    id: 'KNOWN-004',
    category: 'needs-outside-data',
    reason:
      'End-of-life status changes with upstream releases; image scanners that track it (Trivy, Grype) keep it current, a rule in a release would go stale.',
  },
  {
    id: 'KNOWN-005',
    category: 'needs-outside-data',
    reason:
      'Known-exploited vulnerabilities per image version need a vulnerability database; image scanners own that, a rule in a release would go stale.',
  },
  {
    id: 'META-002',
    category: 'enforced-elsewhere',
    reason:
      "The API server validates every object against its schema; Bulwark validates its own custom resources against the vendored upstream CRD schemas at synth time. Validating arbitrary input needs every Kubernetes version's OpenAPI schema, which is kubeconform's job.",
  },
  {
    id: 'META-007',
    category: 'policy-choice',
    reason:
      "Key order is formatting with no security effect; Bulwark's own output is sorted by construction (a determinism test holds it byte-identical).",
  },
  {
    id: 'AVL-010',
    category: 'needs-outside-data',
    reason:
      'PriorityClasses are defined per cluster (only the system ones exist by default, reserved for system components), so a manifest cannot be judged without knowing them.',
  },
  { id: 'AVL-013', category: 'review', reason: REVIEW },
];

/** A catalog check with the rules that cover it, or the reason none does. */
export interface Coverage {
  readonly check: CatalogCheck;
  /** Rule ids, sorted: the rules citing `kbp:<id>`, then the pss rules of PSS_COVERAGE. */
  readonly rules: readonly string[];
  readonly gap?: Gap;
}

/** The coverage of every catalog check by `rules`, in catalog order. */
export function coverageOf(rules: readonly Rule[]): Coverage[] {
  return CATALOG.map((check) => {
    const tagged = rules.filter((r) => r.frameworks.includes(`kbp:${check.id}`)).map((r) => r.id);
    const ids = [...new Set([...tagged.sort(), ...(PSS_COVERAGE[check.id] ?? [])])];
    const gap = GAPS.find((g) => g.id === check.id);
    return gap ? { check, rules: ids, gap } : { check, rules: ids };
  });
}
