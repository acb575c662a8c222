/** Guards for the Service rules, all of which judge the Service alone. */
import { absentOr, any, lit, not, presentAnd } from './cel';
import type { Guard } from './guard';

const typeIs = (type: string) => presentAnd('object', ['spec', 'type'], (t) => `${t} == ${lit(type)}`);

/** Annotations that make the cloud provider create an internal load balancer (mirrors the rule). */
const INTERNAL: readonly [string, string][] = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', 'true'],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', 'internal'],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', 'true'],
  ['networking.gke.io/load-balancer-type', 'Internal'],
  ['cloud.google.com/load-balancer-type', 'Internal'],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', 'true'],
];
const INTERNAL_MARKER = presentAnd('object', ['metadata', 'annotations'], (a) =>
  any(...INTERNAL.map(([k, v]) => `(${lit(k)} in ${a} && ${a}[${lit(k)}] == ${lit(v)})`)),
);

export const SERVICES_GUARDS: readonly Guard[] = [
  {
    ruleId: 'services.external-ips',
    kinds: ['Service'],
    expression: absentOr('object', ['spec', 'externalIPs'], (ips) => `size(${ips}) == 0`),
  },
  { ruleId: 'services.external-name', kinds: ['Service'], expression: not(typeIs('ExternalName')) },
  {
    ruleId: 'services.load-balancer',
    kinds: ['Service'],
    expression: any(not(typeIs('LoadBalancer')), INTERNAL_MARKER),
  },
  { ruleId: 'services.node-port', kinds: ['Service'], expression: not(typeIs('NodePort')) },
];
