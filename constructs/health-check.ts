/**
 * Readiness and liveness probes. Defaults come from HARDENED_DEFAULTS.probe; an app only says how to
 * ask it whether it is healthy.
 */
import { HARDENED_DEFAULTS } from './defaults';

/** How to probe an app. Exactly one of `httpPath`, `command` or `tcp` applies. */
export interface HealthCheck {
  /**
   * HTTP GET path, e.g. `/healthz`.
   *
   * @default - not an HTTP probe
   */
  readonly httpPath?: string;
  /**
   * Command run in the container; exit code 0 means healthy.
   *
   * @default - not an exec probe
   */
  readonly command?: readonly string[];
  /**
   * Port to probe (HTTP or TCP).
   *
   * @default - the app's first port
   */
  readonly port?: number;
  /**
   * Seconds before the first probe.
   *
   * @default 5
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   *
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Consecutive failures before the probe fails.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** Renders a probe; `defaultPort` is the app's first port, if any. */
export function renderProbe(check: HealthCheck, defaultPort: number | undefined): Record<string, unknown> {
  const d = HARDENED_DEFAULTS.probe;
  const timing = {
    failureThreshold: check.failureThreshold ?? d.failureThreshold,
    initialDelaySeconds: check.initialDelaySeconds ?? d.initialDelaySeconds,
    periodSeconds: check.periodSeconds ?? d.periodSeconds,
    timeoutSeconds: d.timeoutSeconds,
  };
  const port = check.port ?? defaultPort;
  if (check.command) return { exec: { command: [...check.command] }, ...timing };
  if (check.httpPath) return { httpGet: { path: check.httpPath, port }, ...timing };
  return { tcpSocket: { port }, ...timing };
}

/**
 * The liveness check an app gets when it declares none: its readiness check with twice the
 * failureThreshold. A pod that is only busy then leaves the Service's endpoints well before the
 * kubelet would restart it, instead of both happening at once (the workload.identical-probes rule).
 */
export function livenessFromReadiness(readiness: HealthCheck): HealthCheck {
  return {
    ...readiness,
    failureThreshold: 2 * (readiness.failureThreshold ?? HARDENED_DEFAULTS.probe.failureThreshold),
  };
}

/** Problems of a health check for `field`; `hasPort` says whether a default port exists. */
export function healthCheckProblems(field: string, check: HealthCheck, hasPort: boolean): string[] {
  const problems: string[] = [];
  if (check.httpPath !== undefined && check.command !== undefined) {
    problems.push(`${field}: only one of 'httpPath' or 'command' can be provided.`);
  }
  if (check.httpPath !== undefined && !check.httpPath.startsWith('/')) {
    problems.push(`${field}.httpPath '${check.httpPath}' must start with '/'.`);
  }
  if (check.command !== undefined && check.command.length === 0) problems.push(`${field}.command is empty.`);
  if (check.command === undefined && check.port === undefined && !hasPort) {
    problems.push(`${field} needs a 'port' or a 'command', because the app exposes no port.`);
  }
  return problems;
}
