/**
 * Turns a Pod Security Standards check into a Bulwark rule `pss.<level>.<check id>`.
 */
import { POD_BEARING_KINDS, podTargetOf } from '../../k8s';
import { applicableCheck, formatViolation, type PssCheck } from '../../pss';
import { defineRule, type Rule } from '../../rule';
import type { FrameworkRef } from '../../types';

/** The Pod Security Standards page every pss rule links to. */
export const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** The parts of a pss rule that are not derived from its check. */
export interface PssRuleText {
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  /** Mappings besides the PSS level itself: `cis:5.2.x` (CIS Benchmark v1.10 numbering), `nsa:pod-security`. */
  readonly frameworks: readonly FrameworkRef[];
}

/**
 * A rule that evaluates `check` at the evaluation's PSS version. It reports nothing when the check
 * does not apply there: no implementation at or below that version, or (for a baseline check under
 * restricted) a restricted check replaces it, as upstream's overrides do.
 */
export function pssRule(check: PssCheck, text: PssRuleText): Rule {
  return defineRule({
    id: `pss.${check.level}.${check.id}`,
    title: text.title,
    pack: 'pss',
    severity: 'error',
    frameworks: [`pss:${check.level}`, ...text.frameworks],
    kinds: POD_BEARING_KINDS,
    description: text.description,
    remediation: text.remediation,
    references: [`${PSS_DOC}#${check.level}`],
    check(target, context) {
      const pod = podTargetOf(target.object);
      const versioned = pod && applicableCheck(check, context.pss.level, context.pss.version);
      if (!pod || !versioned) return [];
      const result = versioned.check(pod.metadata, pod.spec, pod.specPath, pod.metadataPath);
      if (result.allowed) return [];
      // One finding per check, as upstream aggregates; it points at the first offending value.
      return [{ path: result.paths[0] ?? pod.specPath, message: formatViolation(result) }];
    },
  });
}
