/**
 * Reachability with provenance: every allowed flow, and which of its ports are *declared* (a rule
 * on at least one end names the peer) or *unexpected* (allowed only because an end is not isolated,
 * is outside the input, or has a rule admitting every peer). Bulwark's own output declares every
 * flow on both ends, so any unexpected port there is a bug; in other YAML it is what to review.
 *
 * Cost is linear in endpoints plus flows: policies are indexed by namespace, each named peer is
 * resolved once against the namespaces its selector can match, and pairs are enumerated only from
 * explicit peer lists, or from the endpoints open in the other direction, never all × all.
 */
import { selectorMatches } from '../k8s';
import { buildModel, NAMESPACE_NAME, type Endpoint, type Flow, type Policy } from './model';
import { intersect, isEmpty, NONE, subtract, union, type PortSet } from './port-set';
import { peerMatches, ruleViewsOf, rulePorts, type Direction, type RuleView } from './rules';
import type { K8sObject } from '../types';

/** Why an end lets unexpected ports through. */
export interface Opening {
  readonly endpoint: string;
  /** `egress` for the source end, `ingress` for the destination end. */
  readonly direction: Direction;
  /**
   * `not-isolated`: no policy selects the pods for this direction (allow-all default);
   * `open-rule`: a rule of `policy` at `path` admits every peer; `outside-input`: an external
   * endpoint, whose policies are not in the input, so the worst is assumed.
   */
  readonly cause: 'not-isolated' | 'open-rule' | 'outside-input';
  readonly policy?: string;
  readonly path?: string;
}

/** An allowed flow with the provenance of its ports. */
export interface AnalyzedFlow extends Flow {
  /** Ports a rule naming the peer allows on at least one end. */
  readonly declared: PortSet;
  /** `ports` minus `declared`: allowed only by openness on both ends. */
  readonly unexpected: PortSet;
  /** The openings of both ends that admit `unexpected`; empty when nothing is unexpected. */
  readonly openings: readonly Opening[];
}

/** The result of `analyzeReachability`. */
export interface Reachability {
  readonly endpoints: readonly Endpoint[];
  /** Sorted by source then destination id. */
  readonly flows: readonly AnalyzedFlow[];
  /** For each workload endpoint id, whether some policy isolates it in each direction. */
  readonly isolation: ReadonlyMap<string, Readonly<Record<Direction, boolean>>>;
}

/** One end's view of one direction. */
interface Side {
  readonly endpoint: Endpoint;
  readonly direction: Direction;
  readonly workload: boolean;
  readonly isolated: boolean;
  /** Peers a selecting rule names, with the ports opened towards the flow's destination. */
  readonly explicit: Map<Endpoint, PortSet>;
  /** Selecting rules with a component that admits every peer. */
  readonly openRules: readonly RuleView[];
}

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** Computes every allowed flow between the endpoints of `objects`, with provenance. */
export function analyzeReachability(objects: readonly K8sObject[]): Reachability {
  const { policies, endpoints, namespaceLabels } = buildModel(objects);
  const nsLabels = (ns: string) => namespaceLabels.get(ns) ?? {};
  const byNamespace = groupBy(
    endpoints.filter((e) => e.type !== 'cidr'),
    (e) => e.namespace!,
  );
  const cidrs = endpoints.filter((e) => e.type === 'cidr');
  const policiesByNs = groupBy(policies, (p) => p.namespace);
  const views = new Map<Policy, Record<Direction, RuleView[]>>();
  for (const p of policies)
    views.set(p, { ingress: ruleViewsOf(p, 'ingress'), egress: ruleViewsOf(p, 'egress') });

  // A named peer admits endpoints only in the namespaces its selector matches: look only there.
  // A selector on the namespace's name label (how Bulwark and most policies name a namespace) goes
  // straight to that namespace; any other selector is matched once per distinct selector.
  const namespaceNames = [...namespaceLabels.keys()];
  const selected = new Map<string, readonly string[]>();
  const namespacesOf = (selector: unknown): readonly string[] => {
    const named = (selector as { matchLabels?: Record<string, unknown> }).matchLabels?.[NAMESPACE_NAME];
    if (typeof named === 'string') return namespaceLabels.has(named) ? [named] : [];
    const key = JSON.stringify(selector);
    let list = selected.get(key);
    if (!list) {
      list = namespaceNames.filter((ns) => selectorMatches(selector, namespaceLabels.get(ns)));
      selected.set(key, list);
    }
    return list;
  };
  const peerCache = new Map<object, Endpoint[]>();
  const admitted = (peer: Record<string, unknown>, policy: Policy): Endpoint[] => {
    let list = peerCache.get(peer);
    if (list) return list;
    let candidates: readonly Endpoint[];
    if (peer.ipBlock !== undefined) candidates = cidrs;
    else if (peer.namespaceSelector !== undefined)
      candidates = namespacesOf(peer.namespaceSelector).flatMap((ns) => byNamespace.get(ns) ?? []);
    else candidates = byNamespace.get(policy.namespace) ?? [];
    // The fast paths only narrow the candidates; the full peer semantics still decide.
    list = candidates.filter((e) => peerMatches(peer, policy.namespace, e, nsLabels));
    peerCache.set(peer, list);
    return list;
  };

  const sides: Record<Direction, Map<Endpoint, Side>> = { ingress: new Map(), egress: new Map() };
  // namedBy.ingress.get(x): destinations whose ingress names x; namedBy.egress: sources whose egress names x.
  const namedBy: Record<Direction, Map<Endpoint, Set<Endpoint>>> = { ingress: new Map(), egress: new Map() };
  for (const e of endpoints) {
    for (const d of DIRECTIONS) {
      const selecting =
        e.type === 'workload'
          ? (policiesByNs.get(e.namespace!) ?? []).filter(
              (p) => p[d] !== undefined && selectorMatches(p.podSelector, e.labels),
            )
          : [];
      const explicit = new Map<Endpoint, PortSet>();
      const openRules: RuleView[] = [];
      for (const policy of selecting) {
        for (const view of views.get(policy)![d]) {
          if (view.admitsAll || view.open.length > 0) openRules.push(view);
          for (const peer of view.named) {
            for (const other of admitted(peer, policy)) {
              if (other === e) continue;
              const ports = rulePorts(view.rule, d === 'ingress' ? e : other);
              explicit.set(other, union(explicit.get(other) ?? NONE, ports));
              const set = namedBy[d].get(other) ?? new Set<Endpoint>();
              set.add(e);
              namedBy[d].set(other, set);
            }
          }
        }
      }
      sides[d].set(e, {
        endpoint: e,
        direction: d,
        workload: e.type === 'workload',
        isolated: selecting.length > 0,
        explicit,
        openRules,
      });
    }
  }

  const isOpen = (s: Side) => !s.workload || !s.isolated || s.openRules.length > 0;
  const openIngress = endpoints.filter((e) => isOpen(sides.ingress.get(e)!));
  const flows: AnalyzedFlow[] = [];
  for (const src of endpoints) {
    const out = sides.egress.get(src)!;
    const candidates = new Set<Endpoint>(out.explicit.keys());
    if (isOpen(out)) {
      for (const dst of namedBy.ingress.get(src) ?? []) candidates.add(dst);
      for (const dst of openIngress) candidates.add(dst);
    }
    for (const dst of candidates) {
      if (dst === src || (src.type !== 'workload' && dst.type !== 'workload')) continue;
      const flow = pairFlow(out, sides.ingress.get(dst)!, nsLabels);
      if (flow) flows.push(flow);
    }
  }
  flows.sort((a, b) => (a.from + ' ' + a.to < b.from + ' ' + b.to ? -1 : 1));
  const isolation = new Map<string, Record<Direction, boolean>>();
  for (const e of endpoints) {
    if (e.type === 'workload')
      isolation.set(e.id, { ingress: sides.ingress.get(e)!.isolated, egress: sides.egress.get(e)!.isolated });
  }
  return { endpoints, flows, isolation };
}

/** The flow from `out`'s endpoint to `inn`'s, or undefined when no port is allowed on both ends. */
function pairFlow(out: Side, inn: Side, nsLabels: (ns: string) => Readonly<Record<string, string>>) {
  const src = out.endpoint;
  const dst = inn.endpoint;
  const eExplicit = out.explicit.get(dst) ?? NONE;
  const iExplicit = inn.explicit.get(src) ?? NONE;
  const ports = intersect(
    union(eExplicit, openPorts(out, dst, dst, nsLabels)),
    union(iExplicit, openPorts(inn, src, dst, nsLabels)),
  );
  if (isEmpty(ports)) return undefined;
  const declared = intersect(ports, union(eExplicit, iExplicit));
  const unexpected = subtract(ports, declared);
  const openings = isEmpty(unexpected)
    ? []
    : [
        ...openingsOf(out, dst, dst, unexpected, nsLabels),
        ...openingsOf(inn, src, dst, unexpected, nsLabels),
      ];
  return { from: src.id, to: dst.id, ports, declared, unexpected, openings };
}

/** The open rules of a side that admit `other`. */
function openRulesFor(
  side: Side,
  other: Endpoint,
  nsLabels: (ns: string) => Readonly<Record<string, string>>,
) {
  return side.openRules.filter(
    (r) => r.admitsAll || r.open.some((peer) => peerMatches(peer, r.policy.namespace, other, nsLabels)),
  );
}

/** Ports a side allows to or from `other` without naming it. */
function openPorts(
  side: Side,
  other: Endpoint,
  dest: Endpoint,
  nsLabels: (ns: string) => Readonly<Record<string, string>>,
): PortSet {
  if (!side.workload || !side.isolated) return 'all';
  let set: PortSet = NONE;
  for (const r of openRulesFor(side, other, nsLabels)) set = union(set, rulePorts(r.rule, dest));
  return set;
}

function openingsOf(
  side: Side,
  other: Endpoint,
  dest: Endpoint,
  unexpected: PortSet,
  nsLabels: (ns: string) => Readonly<Record<string, string>>,
): Opening[] {
  const base = { endpoint: side.endpoint.id, direction: side.direction };
  if (!side.workload) return [{ ...base, cause: 'outside-input' }];
  if (!side.isolated) return [{ ...base, cause: 'not-isolated' }];
  return openRulesFor(side, other, nsLabels)
    .filter((r) => !isEmpty(intersect(rulePorts(r.rule, dest), unexpected)))
    .map((r) => ({ ...base, cause: 'open-rule' as const, policy: r.policy.id, path: r.path }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
