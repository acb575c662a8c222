/**
 * Guards for the network rules that judge one object: NetworkPolicies, Ingresses, and the SSH
 * ports of pods and Services. A peer "allows all" exactly as policies/analysis/network-policies.ts
 * `openPeersOf` decides: a rule without peers, an empty peer, an empty namespaceSelector without a
 * pod restriction, or 0.0.0.0/0 or ::/0 without except.
 */
import { SSH_PORTS } from '../rules/network/ssh-port';
import { absentOr, all, any, lit, not, present, presentAnd } from './cel';
import type { Guard } from './guard';
import { GUARDED_POD_KINDS } from './kinds';
import { everyContainer } from './pod';

/** A label selector with no requirement (absent counts as empty, like `obj(undefined)`). */
const emptySelector = (s: string) =>
  all(
    absentOr(s, ['matchLabels'], (m) => `size(${m}) == 0`),
    absentOr(s, ['matchExpressions'], (e) => `size(${e}) == 0`),
  );

/** CEL over a peer `p` that admits every peer. */
const OPEN_PEER = any(
  not(any('has(p.podSelector)', 'has(p.namespaceSelector)', 'has(p.ipBlock)')),
  all(
    'has(p.namespaceSelector)',
    emptySelector('p.namespaceSelector'),
    absentOr('p', ['podSelector'], emptySelector),
  ),
  all(
    presentAnd('p', ['ipBlock', 'cidr'], (c) => `${c} in ['0.0.0.0/0', '::/0']`),
    absentOr('p', ['ipBlock', 'except'], (e) => `size(${e}) == 0`),
  ),
);

/** No rule of `direction` (`ingress` with peers `from`, `egress` with `to`) admits every peer. */
function noOpenRule(direction: 'ingress' | 'egress', peers: 'from' | 'to'): string {
  const open = any(not(present('r', [peers])), `size(r.${peers}) == 0`, `r.${peers}.exists(p, ${OPEN_PEER})`);
  return absentOr('object', ['spec', direction], (rules) => `${rules}.all(r, ${not(open)})`);
}

const NO_OPEN_RULE = all(noOpenRule('ingress', 'from'), noOpenRule('egress', 'to'));
/** The policy selects every pod of its namespace (a missing podSelector counts as empty). */
const SELECTS_ALL = absentOr('object', ['spec', 'podSelector'], emptySelector);

const SNIPPET = lit('^nginx\\.ingress\\.kubernetes\\.io/[a-z-]*snippet$');

/** A port entry `p` of TCP (the default protocol) whose `field` is an SSH port number. */
const SSH = `[${SSH_PORTS.join(', ')}]`;
const sshPort = (field: string) =>
  all(
    absentOr('p', ['protocol'], (protocol) => `${protocol} == 'TCP'`),
    presentAnd('p', [field], (port) => `type(${port}) == int && ${port} in ${SSH}`),
  );

/** No container port and, on a Service, no port or numeric targetPort is an SSH port (mirrors the rule). */
const NO_SSH_PORT = all(
  any(
    `object.kind != 'Service'`,
    absentOr(
      'object',
      ['spec', 'ports'],
      (ports) => `${ports}.all(p, ${not(any(sshPort('port'), sshPort('targetPort')))})`,
    ),
  ),
  everyContainer(absentOr('c', ['ports'], (ports) => `${ports}.all(p, ${not(sshPort('containerPort'))})`)),
);

export const NETWORK_GUARDS: readonly Guard[] = [
  { ruleId: 'network.allow-all-peers', kinds: ['NetworkPolicy'], expression: any(SELECTS_ALL, NO_OPEN_RULE) },
  {
    ruleId: 'network.namespace-wide-allow-all',
    kinds: ['NetworkPolicy'],
    expression: any(not(SELECTS_ALL), NO_OPEN_RULE),
  },
  { ruleId: 'network.ssh-port', kinds: [...GUARDED_POD_KINDS, 'Service'], expression: NO_SSH_PORT },
  {
    ruleId: 'network.ingress-snippet-annotations',
    kinds: ['Ingress'],
    expression: absentOr(
      'object',
      ['metadata', 'annotations'],
      (a) => `!${a}.exists(k, k.matches(${SNIPPET}))`,
    ),
  },
  {
    ruleId: 'network.ingress-tls',
    kinds: ['Ingress'],
    expression: presentAnd('object', ['spec', 'tls'], (t) => `size(${t}) > 0`),
  },
];
