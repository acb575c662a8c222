/**
 * docs/rule-coverage.md, rendered from the catalog and the rules: which Bulwark rules implement each
 * check the common scanners run, and why the others are left out. A test fails when the file is
 * stale; `npx tsx policies/coverage/generate-doc.ts` rewrites it.
 */
import { ALL_RULES } from '../rules';
import { coverageOf, type GapCategory } from './registry';

/** Where the document lives, relative to the repository root. */
export const COVERAGE_DOC_PATH = 'docs/rule-coverage.md';

const GAP_LABEL: Record<GapCategory, string> = {
  review: 'inventory for review',
  'needs-outside-data': 'needs data outside the manifests',
  'policy-choice': 'a policy choice, not a security property',
  subsumed: 'subsumed by stricter rules',
  'enforced-elsewhere': 'enforced elsewhere',
};

const GROUPS: Record<string, string> = {
  HOST: 'Host access',
  PRIV: 'Privilege, identity and capabilities',
  LSM: 'Kernel hardening',
  FS: 'Filesystem and volumes',
  IMG: 'Images and supply chain',
  RES: 'Resources',
  SA: 'Service accounts and tokens',
  SEC: 'Secrets and sensitive data',
  NET: 'Network exposure and isolation',
  RBAC: 'RBAC',
  NS: 'Namespaces and admission',
  KNOWN: 'Known-risky components',
  META: 'API and metadata hygiene',
  AVL: 'Availability',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The Markdown text of docs/rule-coverage.md. */
export function coverageDoc(): string {
  const coverage = coverageOf(ALL_RULES);
  const covered = coverage.filter((c) => c.rules.length > 0);
  const shared = coverage.filter((c) => c.check.scanners >= 3);
  const sections = Object.entries(GROUPS).flatMap(([prefix, title]) => {
    const rows = coverage.filter((c) => c.check.id.startsWith(`${prefix}-`));
    return [
      `## ${title} (${rows.filter((c) => c.rules.length > 0).length} of ${rows.length})`,
      '',
      '| Check | Catalog severity | Scanners | Bulwark |',
      '| --- | --- | --- | --- |',
      ...rows.map(
        (c) =>
          `| ${c.check.id} ${cell(c.check.check)} | ${c.check.severity} | ${c.check.scanners}/6 | ${
            c.rules.length > 0
              ? c.rules.map((id) => `\`${id}\``).join(', ')
              : c.gap
                ? `not a rule (${GAP_LABEL[c.gap.category]}): ${cell(c.gap.reason)}`
                : '**missing**'
          } |`,
      ),
      '',
    ];
  });
  return [
    '# Rule coverage',
    '',
    '<!-- Generated from policies/coverage by `npx tsx policies/coverage/generate-doc.ts`. Do not edit:',
    '     tests/policies/coverage/coverage.test.ts fails when this file is stale. -->',
    '',
    "How Bulwark's rules compare with the manifest checks of the common scanners: the Pod Security",
    'Standards, kube-score, Polaris, Checkov, kubescape and kube-linter, plus CIS Kubernetes Benchmark',
    'section 5, the NSA/CISA hardening guidance and the RBAC risk tools krane and rbac-police. Each',
    'check has a catalog id (`kbp:HOST-006`); a rule lists the ids it implements among its frameworks,',
    'so they show in every report (JSON, SARIF tags, Markdown).',
    '',
    `- **${covered.length} of ${coverage.length}** catalog checks are implemented by ${ALL_RULES.length} rules.`,
    `- **All ${shared.length}** checks that three or more of the six scanners share are implemented (a test holds it).`,
    `- The other ${coverage.length - covered.length} are left out on purpose; each row says why.`,
    '- Scanners: how many of the six scanner families (PSS, kube-score, Polaris, Checkov, kubescape,',
    '  kube-linter) implement the check.',
    '',
    ...sections,
  ].join('\n');
}
