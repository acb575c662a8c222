/** The `network` pack: isolation by NetworkPolicy, reachability it implies, and exposure through Ingress. */
import type { Rule } from '../../rule';
import { allowAllPeers } from './allow-all-peers';
import { ingressBackendMissing } from './ingress-backend-missing';
import { ingressSnippetAnnotations } from './ingress-snippet-annotations';
import { ingressTls } from './ingress-tls';
import { instanceMetadataEgress } from './instance-metadata-egress';
import { namespaceDefaultDeny } from './namespace-default-deny';
import { namespaceWideAllowAll } from './namespace-wide-allow-all';
import { policySelectsNothing } from './policy-selects-nothing';
import { sshPort } from './ssh-port';
import { unexpectedReachability } from './unexpected-reachability';
import { workloadNotIsolated } from './workload-not-isolated';

/** Rules of the `network` pack. */
export const NETWORK_RULES: readonly Rule[] = [
  allowAllPeers,
  ingressBackendMissing,
  ingressSnippetAnnotations,
  ingressTls,
  instanceMetadataEgress,
  namespaceDefaultDeny,
  namespaceWideAllowAll,
  policySelectsNothing,
  sshPort,
  unexpectedReachability,
  workloadNotIsolated,
];
