/**
 * Services are not of type NodePort. A NodePort opens the port on every node of the cluster,
 * bypassing the ingress layer and usually any firewall that assumes only ingress is exposed.
 *
 * Fields: spec.type
 */
import { obj } from '../../k8s';
import { defineRule } from '../../rule';

export const nodePort = defineRule({
  id: 'services.node-port',
  title: 'Services are not exposed as NodePort',
  pack: 'services',
  severity: 'warning',
  frameworks: ['nsa:network-separation', 'kbp:NET-006'],
  kinds: ['Service'],
  description:
    'A NodePort Service listens on every node, so the app is reachable by anything that reaches a node, outside the ingress layer and its TLS and policies.',
  remediation: 'Use a ClusterIP Service behind an Ingress or Gateway.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport'],
  check(target) {
    if (obj(target.object.spec).type !== 'NodePort') return [];
    return [
      { path: 'spec.type', message: `service "${target.object.metadata?.name ?? ''}" is of type NodePort` },
    ];
  },
});
