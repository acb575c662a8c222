/**
 * hostProbesAndHostLifecycle (baseline, v1.34+). Probes and lifecycle handlers must not target
 * another host, which would let a pod make the kubelet reach arbitrary addresses.
 *
 * Fields: {initContainers,containers,ephemeralContainers}[*].{livenessProbe,readinessProbe,startupProbe}
 * .{httpGet,tcpSocket}.host and [*].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host.
 * Allowed: undefined, "". (Upstream file: check_hostProbesAndhostLifecycle.go.)
 */
import type { Json } from '../../k8s';
import {
  ALLOWED,
  field,
  forbidden,
  joinQuote,
  pluralize,
  sortedSet,
  stringField,
  visitContainers,
} from '../helpers';
import type { CheckResult, PssCheck } from '../types';

/** Handlers in upstream's order: the three probes, then the two lifecycle hooks. */
const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

function hostProbesAndHostLifecycle1_34(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const hosts: string[] = [];
  const paths: string[] = [];
  for (const c of visitContainers(podSpec, specPath)) {
    let bad = false;
    for (const handlerPath of HANDLERS) {
      const handler = field(c.container, ...handlerPath);
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = stringField(field(handler, action), 'host');
        if (host === '') continue;
        bad = true;
        hosts.push(host);
        paths.push(`${c.path}.${handlerPath.join('.')}.${action}.host`);
      }
    }
    if (bad) names.push(c.name);
  }
  if (names.length === 0) return ALLOWED;
  // Upstream keeps containers and hosts in sets: sorted and de-duplicated.
  const containers = sortedSet(names);
  const unique = sortedSet(hosts);
  return forbidden(
    'probe or lifecycle host',
    `${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', unique.length)} ${joinQuote(unique)}`,
    paths,
  );
}

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [{ minVersion: 'v1.34', check: hostProbesAndHostLifecycle1_34 }],
};
