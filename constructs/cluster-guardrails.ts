/**
 * Cluster guardrails: the rules that CEL can express exactly, enforced inside the cluster as
 * ValidatingAdmissionPolicies, so a manifest applied by hand is held to the same standard as the
 * synthesized output. Bindings select Bulwark-managed namespaces (and, for cluster-scoped RBAC
 * objects, objects carrying the same label); kube-system and other unmanaged namespaces are untouched.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { admissionPolicies, DRY_RUN, ENFORCE, GUARDED_PSS_VERSION, GUARDS } from '../policies/admission';
import { HARDENED_DEFAULTS, LABELS } from './defaults';
import { DeclarationError } from './errors';
import { Platform } from './platform';
import { MANAGED_NAMESPACE_LABEL } from './secure-namespace';

/** How violations are handled. */
export enum GuardrailMode {
  /** `[Deny, Audit]`: violating requests are rejected and recorded in the audit log. */
  ENFORCE = 'enforce',
  /** `[Warn, Audit]`: violating requests are admitted with a warning and recorded; for a rollout. */
  DRY_RUN = 'dry-run',
}

/** Properties for `ClusterGuardrails`. */
export interface ClusterGuardrailsProps {
  /**
   * Whether violations are denied or only reported.
   *
   * @default GuardrailMode.ENFORCE
   */
  readonly mode?: GuardrailMode;
  /**
   * Rule ids held at `[Warn, Audit]` while the others are enforced, to roll rules out one by one.
   * They move to a `bulwark-<pack>-dry-run` policy.
   *
   * @default - none
   */
  readonly dryRunRules?: readonly string[];
  /**
   * Whether to enforce the Pod Security Standards checks (restricted at the newest version Bulwark
   * implements). An environment pinning an older version must turn this off; Pod Security
   * Admission still enforces its pinned version.
   *
   * @default true
   */
  readonly podSecurityStandards?: boolean;
  /**
   * Whether a `bulwark.dev/suppress` annotation (rule id and reason, as `bulwark check` reads it)
   * admits an object. Off by default: in the cluster whoever can write an object can write the
   * annotation, so turn it on only where every applied object has passed review.
   *
   * @default false
   */
  readonly honorSuppressions?: boolean;
  /**
   * Rule ids not enforced at admission at all (they stay in `bulwark check`).
   *
   * @default - none
   */
  readonly excludeRules?: readonly string[];
}

/** The ValidatingAdmissionPolicies and bindings that enforce Bulwark's rules at admission. */
export class ClusterGuardrails extends Construct {
  /** The rule ids enforced (or dry-run) at admission, sorted. */
  public readonly ruleIds: readonly string[];
  /** Names of the emitted ValidatingAdmissionPolicies. */
  public readonly policyNames: readonly string[];

  constructor(scope: Construct, id: string, props: ClusterGuardrailsProps = {}) {
    super(scope, id);
    const guarded = new Set(GUARDS.map((g) => g.ruleId));
    for (const field of ['dryRunRules', 'excludeRules'] as const) {
      (props[field] ?? []).forEach((ruleId, i) => {
        if (!guarded.has(ruleId)) {
          throw new DeclarationError(
            'ClusterGuardrails',
            this.node.path,
            `${field}[${i}] '${ruleId}' is not a rule enforced at admission; see docs/admission.md for the guarded rules.`,
          );
        }
      });
    }
    const settings = Platform.settingsOf(this);
    const pss = props.podSecurityStandards ?? true;
    if (pss && settings.pssVersion !== GUARDED_PSS_VERSION) {
      throw new DeclarationError(
        'ClusterGuardrails',
        this.node.path,
        `the Pod Security Standards guards implement restricted at ${GUARDED_PSS_VERSION}, but the environment pins ${settings.pssVersion}; pin ${GUARDED_PSS_VERSION}, or set podSecurityStandards: false (Pod Security Admission still enforces ${settings.pssVersion}).`,
      );
    }
    const excludeRules = [
      ...(props.excludeRules ?? []),
      ...(pss ? [] : [...guarded].filter((r) => r.startsWith('pss.'))),
    ];
    const objects = admissionPolicies({
      selector: { [MANAGED_NAMESPACE_LABEL]: 'true' },
      actions: props.mode === GuardrailMode.DRY_RUN ? DRY_RUN : ENFORCE,
      dryRunRules: props.dryRunRules,
      excludeRules,
      honorSuppressions: props.honorSuppressions,
      labels: {
        [LABELS.name]: 'bulwark-guardrails',
        [LABELS.component]: 'admission',
        [LABELS.partOf]: settings.partOf,
        [LABELS.managedBy]: HARDENED_DEFAULTS.managedBy,
      },
    });
    for (const { apiVersion, kind, metadata, spec } of objects) {
      new ApiObject(this, `${kind}-${metadata.name}`, { apiVersion, kind, metadata, spec });
    }
    const excluded = new Set(excludeRules);
    this.ruleIds = [...guarded].filter((r) => !excluded.has(r)).sort();
    this.policyNames = objects
      .filter((o) => o.kind === 'ValidatingAdmissionPolicy')
      .map((o) => o.metadata.name);
  }
}
