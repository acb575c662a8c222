/** The `services` pack: how Services expose workloads. */
import type { Rule } from '../../rule';
import { externalIps } from './external-ips';
import { externalName } from './external-name';
import { loadBalancer } from './load-balancer';
import { nodePort } from './node-port';
import { selectorMatchesNothing } from './selector-matches-nothing';

/** Rules of the `services` pack. */
export const SERVICES_RULES: readonly Rule[] = [
  externalIps,
  externalName,
  loadBalancer,
  nodePort,
  selectorMatchesNothing,
];
