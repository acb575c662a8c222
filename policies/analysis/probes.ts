/**
 * Probe presence on regular containers (init containers run to completion and ephemeral containers
 * cannot have probes, so only `containers` are judged), and probes compared as the kubelet runs them.
 */
import { arr, containersOf, isObject, obj, podTargetOf, type Json } from '../k8s';
import type { Rule } from '../rule';

/** The check of a rule that wants `<field>` (e.g. `readinessProbe`) on every regular container. */
export function missingProbeCheck(field: 'livenessProbe' | 'readinessProbe', noun: string): Rule['check'] {
  return (target) => {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod)
      .filter((c) => c.list === 'containers' && !isObject(c.container[field]))
      .map((c) => ({ path: `${c.path}.${field}`, message: `container "${c.name}" has no ${noun}` }));
  };
}

/** Probe fields the API server defaults when they are unset, with their defaults. */
const PROBE_DEFAULTS: Readonly<Json> = {
  initialDelaySeconds: 0,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
};

/** JSON with object keys sorted, so equal values print equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined && value[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The port a probe's `port` reaches, as the kubelet resolves it (pkg/kubelet/prober extractPort): a
 * name of one of the container's ports is that port's number, and a string of digits is a number.
 */
function resolvedPort(port: unknown, container: Json): unknown {
  if (typeof port !== 'string') return port;
  const named = arr(container.ports)
    .map(obj)
    .find((p) => p.name === port);
  if (named && typeof named.containerPort === 'number') return named.containerPort;
  return /^[0-9]+$/.test(port) ? Number(port) : port;
}

/**
 * A probe as the kubelet runs it, as comparable text: the API server's defaults filled in (timings,
 * and an httpGet's `path: /` and `scheme: HTTP`), so a probe that spells a default out equals one
 * that leaves it unset, and a port named after one of `container`'s ports read as its number.
 */
export function effectiveProbe(probe: Json, container: Json = {}): string {
  const out: Json = { ...PROBE_DEFAULTS };
  for (const [k, v] of Object.entries(probe)) if (v !== undefined && v !== null) out[k] = v;
  if (isObject(probe.httpGet)) {
    const httpGet = probe.httpGet;
    out.httpGet = {
      ...httpGet,
      path: httpGet.path || '/',
      scheme: httpGet.scheme || 'HTTP',
      port: resolvedPort(httpGet.port, container),
    };
  }
  if (isObject(probe.tcpSocket))
    out.tcpSocket = { ...probe.tcpSocket, port: resolvedPort(probe.tcpSocket.port, container) };
  return canonical(out);
}
