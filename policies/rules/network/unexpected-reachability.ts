/**
 * Every flow a workload takes part in is declared: a NetworkPolicy rule on at least one end names
 * the peer. A flow is unexpected when it is allowed only by openness on both ends: a pod no policy
 * isolates (the allow-all default), an end outside the input, or a rule admitting every peer. Such
 * flows are what a compromised pod can use without anyone having written them down. Bulwark's
 * constructs name the peer on both ends of every connection, so their output has none.
 *
 * Computed once per evaluation from the whole input (`analyzeReachability`, memoized), judged per
 * workload: one finding per direction and cause, listing the peers and the unexpected ports.
 */
import { namespaceOf, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import { analyzeReachability, type AnalyzedFlow, type Opening } from '../../reachability/analyze';
import { formatPortSet } from '../../reachability/port-set';
import { defineRule } from '../../rule';
import type { RuleContext } from '../../rule';
import type { RuleFinding } from '../../types';

/** Peers listed in one message before "and N more". */
const LISTED = 5;

interface Exposure {
  readonly peer: string;
  readonly flow: AnalyzedFlow;
}

/** Unexpected flows by endpoint id and direction (`egress`: the endpoint is the source). */
function exposures(context: RuleContext): ReadonlyMap<string, Exposure[]> {
  return context.memo('reachability.unexpectedByEndpoint', () => {
    const out = new Map<string, Exposure[]>();
    const add = (key: string, exposure: Exposure) => {
      const list = out.get(key);
      if (list) list.push(exposure);
      else out.set(key, [exposure]);
    };
    const { flows } = analyzeReachability(context.objects.map((s) => s.object));
    for (const flow of flows) {
      if (flow.openings.length === 0) continue;
      add(`${flow.from} egress`, { peer: flow.to, flow });
      add(`${flow.to} ingress`, { peer: flow.from, flow });
    }
    return out;
  });
}

function cause(o: Opening): string {
  if (o.cause === 'open-rule') return `${o.path} of NetworkPolicy "${o.policy}" admits every peer`;
  return `no NetworkPolicy isolates the pods for ${o.direction}`;
}

export const unexpectedReachability = defineRule({
  id: 'network.unexpected-reachability',
  title: 'Workloads are reachable only through declared flows',
  pack: 'network',
  severity: 'warning',
  frameworks: ['cis:5.3.2', 'nsa:network-separation'],
  kinds: POD_BEARING_KINDS,
  description:
    'A flow allowed only because a pod is not isolated, or by a rule admitting every peer, was never declared, yet an attacker in either pod can use it.',
  remediation:
    'Isolate the pods with a default-deny NetworkPolicy and allow each needed flow with a rule that names the peer (namespace and pod selectors, or a CIDR).',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
  ],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const id = `${namespaceOf(target.object)}/${target.object.kind}/${target.object.metadata?.name}`;
    const findings: RuleFinding[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      // Group the peers by the cause on this end, so each finding says what to change here.
      const byCause = new Map<string, string[]>();
      for (const { peer, flow } of exposures(context).get(`${id} ${direction}`) ?? []) {
        for (const opening of flow.openings) {
          if (opening.endpoint !== id || opening.direction !== direction) continue;
          const list = byCause.get(cause(opening)) ?? [];
          list.push(`"${peer}" (${formatPortSet(flow.unexpected)})`);
          byCause.set(cause(opening), list);
        }
      }
      for (const [why, peers] of [...byCause].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const listed = peers.slice(0, LISTED).join(', ');
        const more = peers.length > LISTED ? ` and ${peers.length - LISTED} more` : '';
        const verb = direction === 'egress' ? 'can reach' : 'is reachable from';
        findings.push({
          path: `${pod.metadataPath}.labels`,
          message: `${verb} ${listed}${more} with no rule naming the peer: ${why}`,
        });
      }
    }
    return findings;
  },
});
