/**
 * NetworkPolicy egress rules do not open the cloud instance metadata service. 169.254.169.254 (and
 * fd00:ec2::254 on AWS IPv6) serves the node's cloud credentials and bootstrap data on HTTP port
 * 80; a pod that reaches it can act as the node in the cloud account.
 *
 * Fields: spec.egress[*].to[*].ipBlock.{cidr,except}, with the rule's ports
 * Reported: an ipBlock whose cidr holds the address and whose except list does not cover it, in an
 * egress rule whose ports admit TCP port 80. Rules without peers, empty peers and `0.0.0.0/0` or
 * `::/0` without except allow every destination; `network.allow-all-peers` and
 * `network.namespace-wide-allow-all` report those, so one rule reports each problem.
 */
import { openPeersOf, policyTypesOf } from '../../analysis/network-policies';
import { arr, isObject, obj, str } from '../../k8s';
import { blockAdmits } from '../../reachability/model';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

/** The metadata endpoints, as single-address CIDRs. */
const METADATA_ADDRESSES: readonly [string, string][] = [
  ['169.254.169.254/32', '169.254.169.254'],
  ['fd00:ec2::254/128', 'fd00:ec2::254'],
];
const METADATA_PORT = 80;

/**
 * True when an egress rule's ports admit TCP port 80: no ports, or an entry for TCP (the default
 * protocol) without a port, or with port 80 or a range through 80. A named port resolves against
 * the destination pod's containers, which the metadata service is not, so it never matches.
 */
function admitsMetadataPort(rule: Readonly<Record<string, unknown>>): boolean {
  const ports = arr(rule.ports);
  if (ports.length === 0) return true;
  return ports.some((raw) => {
    const entry = obj(raw);
    if ((str(entry.protocol) ?? 'TCP') !== 'TCP') return false;
    if (entry.port === undefined) return true;
    if (typeof entry.port !== 'number') return false;
    const end = typeof entry.endPort === 'number' ? entry.endPort : entry.port;
    return entry.port <= METADATA_PORT && METADATA_PORT <= end;
  });
}

export const instanceMetadataEgress = defineRule({
  id: 'network.instance-metadata-egress',
  title: 'NetworkPolicies do not allow egress to the instance metadata service',
  pack: 'network',
  severity: 'warning',
  frameworks: ['nsa:network-separation', 'kbp:NET-014'],
  kinds: ['NetworkPolicy'],
  description:
    'The cloud metadata service hands out the credentials of the node; an ipBlock such as `0.0.0.0/0` with an except list that leaves 169.254.169.254 out lets pods fetch them.',
  remediation:
    'Add `169.254.169.254/32` (and `fd00:ec2::254/128` for IPv6 CIDRs) to the ipBlock `except` list, or allow narrower CIDRs.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
  ],
  check(target) {
    const spec = obj(target.object.spec);
    if (!policyTypesOf(spec).has('egress')) return [];
    const open = new Set(openPeersOf(spec, 'egress').map((p) => p.path));
    const findings: RuleFinding[] = [];
    arr(spec.egress).forEach((raw, i) => {
      const rule = obj(raw);
      if (!admitsMetadataPort(rule)) return;
      arr(rule.to).forEach((rawPeer, j) => {
        const peer = obj(rawPeer);
        const path = `spec.egress[${i}].to[${j}].ipBlock.cidr`;
        if (!isObject(peer.ipBlock) || open.has(path)) return;
        for (const [cidr, address] of METADATA_ADDRESSES) {
          if (!blockAdmits(peer.ipBlock, cidr)) continue;
          findings.push({
            path,
            message: `ipBlock "${String(peer.ipBlock.cidr)}" allows egress to the instance metadata address ${address}, which no except entry covers`,
          });
        }
      });
    });
    return findings;
  },
});
