/**
 * Wire and core types of the rule engine. String unions rather than enums, so JSON reports and
 * hand-written YAML round-trip without translation.
 */

/** How serious a finding is. Only unsuppressed `error` findings fail `bulwark check`. */
export type Severity = 'error' | 'warning' | 'info';

/** The rule packs. `pss` holds the Pod Security Standards checks at both levels. */
export type PackId = 'pss' | 'workload' | 'network' | 'rbac' | 'secrets' | 'services';

/** Pod Security Standards levels, as upstream names them. */
export type PssLevel = 'baseline' | 'restricted';

/** A Kubernetes object as parsed from YAML or JSON. Only the envelope is typed. */
export interface K8sObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: ObjectMeta;
  readonly [key: string]: unknown;
}

/** The metadata fields the engine reads. */
export interface ObjectMeta {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/** An object together with where it came from. */
export interface SourceObject {
  readonly object: K8sObject;
  /** File the object was read from (relative as given by the user), or `<stdin>` / a synthetic name. */
  readonly file: string;
  /** 1-based line of the object's first line in `file`. */
  readonly line: number;
  /**
   * Maps a field path (e.g. `spec.template.spec.containers[0].image`) to its 1-based line, when the
   * source is known. Falls back to the nearest existing ancestor.
   */
  readonly locate?: (path: string) => number | undefined;
}

/** What a rule's check returns for one problem. */
export interface RuleFinding {
  /** Field path of the offending value, relative to the object root (`spec.replicas`). */
  readonly path: string;
  /** A fact, lower-case, no trailing period, names in double quotes. */
  readonly message: string;
}

/** Frameworks use prefixes: `pss:restricted`, `cis:5.2.6`, `nsa:pod-security`. */
export type FrameworkRef = string;

/** Reference to a Kubernetes object in reports. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** One entry of a report. Field order matters: it is the JSON schema's order. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly remediation: string;
  readonly object: ObjectRef;
  readonly file: string;
  readonly line: number;
  readonly path: string;
  readonly frameworks: readonly FrameworkRef[];
  readonly suppressed: boolean;
  readonly suppression: { readonly reason: string; readonly source: string } | null;
}

/** Totals of a report; `errors`, `warnings` and `infos` count unsuppressed findings only. */
export interface ReportSummary {
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
}

/** The result of evaluating a set of objects. */
export interface Report {
  readonly summary: ReportSummary;
  readonly findings: readonly Finding[];
  /** The rules that were evaluated, for reporters that list rule metadata (SARIF, JUnit). */
  readonly rules: readonly RuleMeta[];
  /** The objects that were evaluated, for per-object reporters (JUnit). */
  readonly objects: readonly { readonly ref: ObjectRef; readonly file: string; readonly line: number }[];
}

/** Everything about a rule but its check. */
export interface RuleMeta {
  /** Stable id, never changed once released: `<pack>.<name>` or `pss.<level>.<upstream check id>`. */
  readonly id: string;
  readonly title: string;
  readonly pack: PackId;
  readonly severity: Severity;
  readonly frameworks: readonly FrameworkRef[];
  /** Kinds the rule applies to; `*` for every kind. */
  readonly kinds: readonly string[];
  /** Why the rule exists, one or two sentences. */
  readonly description: string;
  /** What to do about a finding, an imperative sentence. */
  readonly remediation: string;
  /** Upstream documentation links. */
  readonly references?: readonly string[];
}
