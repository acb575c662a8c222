/**
 * SecureApp: one application, hardened. The workload, its ServiceAccount, Service, PDB, network
 * flows and RBAC all come from one short declaration.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { apiAccessProblems, toPolicyRule, type ApiAccess, type ClusterApiAccess } from './api-access';
import { HARDENED_DEFAULTS, LABELS, type ResourceProfile } from './defaults';
import { DeclarationError } from './errors';
import { healthCheckProblems, livenessFromReadiness, type HealthCheck } from './health-check';
import { Peer } from './peer';
import { Platform } from './platform';
import { renderPodTemplate, volumeNameFor, type AppPort } from './pod-template';
import { SecureNamespace } from './secure-namespace';
import { renderAppNetworkPolicy, type Connection } from './app-network-policy';
import { AppSecrets, type SecretDeclaration } from './secrets';
import {
  absolutePathProblem,
  cidrProblem,
  dns1123LabelProblem,
  imageProblem,
  parseImage,
  portProblem,
  quantityProblem,
} from './validation';

/** The workload kinds a SecureApp can be. */
export enum WorkloadKind {
  DEPLOYMENT = 'Deployment',
  STATEFUL_SET = 'StatefulSet',
  CRON_JOB = 'CronJob',
  JOB = 'Job',
}

/** Persistent storage of a StatefulSet (one volume per replica). */
export interface AppStorage {
  /** Size, e.g. `10Gi`. */
  readonly size: string;
  /** Where it is mounted (absolute). */
  readonly mountPath: string;
  /**
   * StorageClass.
   *
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Properties for `SecureApp`. */
export interface SecureAppProps {
  /** Container image, with a tag and (where the environment demands it) a digest. */
  readonly image: string;
  /**
   * Workload kind.
   *
   * @default WorkloadKind.DEPLOYMENT
   */
  readonly kind?: WorkloadKind;
  /**
   * Ports the app listens on. The first one is the default for probes and connections.
   *
   * @default - no ports (no Service, except the headless governing Service of a StatefulSet)
   */
  readonly ports?: readonly (number | AppPort)[];
  /**
   * Replicas (Deployment and StatefulSet only).
   *
   * @default - the environment's default replica count
   */
  readonly replicas?: number;
  /**
   * `app.kubernetes.io/component`, e.g. `frontend`, `api`, `worker`, `database`.
   *
   * @default 'service'
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`.
   *
   * @default - the environment's `partOf`
   */
  readonly partOf?: string;
  /**
   * Entrypoint override.
   *
   * @default - the image's entrypoint
   */
  readonly command?: readonly string[];
  /**
   * Arguments.
   *
   * @default - the image's arguments
   */
  readonly args?: readonly string[];
  /**
   * Plain environment variables. Never put secrets here: declare Vault secrets instead.
   *
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * A resource profile name of the environment, or explicit requests and limits.
   *
   * @default 'default' (or the environment's only profile)
   */
  readonly resources?: string | ResourceProfile;
  /**
   * Writable emptyDir mounts; the root filesystem is read-only.
   *
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  /**
   * UID of the container process (>= 10000, never 0).
   *
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * GID of the container process (>= 10000, never 0).
   *
   * @default 10001
   */
  readonly runAsGroup?: number;
  /**
   * Readiness probe (long-running kinds).
   *
   * @default - TCP on the first port
   */
  readonly readiness?: HealthCheck;
  /**
   * Liveness probe (long-running kinds). The default is twice as tolerant as the readiness probe,
   * so a pod that is only busy is taken out of rotation before it is restarted.
   *
   * @default - the readiness probe with twice its failureThreshold
   */
  readonly liveness?: HealthCheck;
  /**
   * Cron schedule (CronJob only, required there), e.g. `0 3 * * *`.
   *
   * @default - none
   */
  readonly schedule?: string;
  /**
   * How many seconds after its scheduled time a CronJob run may still start (CronJob only, at
   * least 10). A run that could not start in time (the controller was unavailable, or the previous
   * run was still going) is skipped instead of starting at an unexpected hour.
   *
   * @default 600
   */
  readonly startingDeadlineSeconds?: number;
  /**
   * Persistent storage (StatefulSet only).
   *
   * @default - none
   */
  readonly storage?: AppStorage;
  /**
   * Kubernetes API permissions in the app's namespace. Declaring any mounts the API token.
   *
   * @default - no API access, no token mounted
   */
  readonly apiAccess?: readonly ApiAccess[];
  /**
   * Cluster-wide API permissions, with a justification.
   *
   * @default - none
   */
  readonly clusterApiAccess?: ClusterApiAccess;
  /**
   * Vault-backed secrets: per secret its Vault mount and path (kv-v2) or database role, the keys,
   * how the pod consumes them (files at a mount path by default, env vars on request unless
   * `fileOnly`), the refresh interval and the backend (External Secrets by default, Vault Secrets
   * Operator, or the Vault Agent Injector). The Vault side (policy, Kubernetes auth role) is derived
   * from the same declarations (`renderVaultSide`). No value is ever part of a declaration.
   *
   * @default - no secrets
   */
  readonly secrets?: readonly SecretDeclaration[];
}

/** Something an app can be connected to: another app, a `Peer`, or `'namespace/app'`. */
export type ConnectionTarget = SecureApp | Peer | string;

const SECURE_APP = Symbol.for('bulwark.SecureApp');
/** Apps per construct tree, so string targets resolve without walking the whole tree each time. */
const APPS_BY_ROOT = new WeakMap<object, SecureApp[]>();
const CRON = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/;

/**
 * A hardened application in a SecureNamespace.
 *
 * @example
 * const orders = new SecureApp(shop, 'orders', { image: 'registry.example.com/orders:1.4.2@sha256:…', ports: [8080] });
 * orders.allowFrom(web, 8080);
 */
export class SecureApp extends Construct {
  /** True when `x` is a SecureApp (works across copies of the library). */
  public static isSecureApp(x: unknown): x is SecureApp {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SECURE_APP] === true;
  }

  /** The app name (object names, labels, container name). */
  public readonly name: string;
  /** The namespace the app lives in. */
  public readonly namespace: SecureNamespace;
  /** The workload kind (Deployment unless declared otherwise). */
  public readonly kind: WorkloadKind;
  /** The container image, as declared. */
  public readonly image: string;
  /** The ports with names and protocols filled in (`http` for the first unnamed one, TCP). */
  public readonly ports: readonly Required<AppPort>[];
  /** Replicas, for Deployments and StatefulSets; undefined for jobs. */
  public readonly replicas?: number;
  /** Requests and limits of the app container, resolved from the profile name where one was given. */
  public readonly resources: ResourceProfile;
  /** Paths mounted as writable emptyDirs; everything else is read-only. */
  public readonly writablePaths: readonly string[];
  /** UID of the container process. */
  public readonly runAsUser: number;
  /** GID of the container process. */
  public readonly runAsGroup: number;
  /** Kubernetes API permissions in the app's namespace (a Role and RoleBinding when not empty). */
  public readonly apiAccess: readonly ApiAccess[];
  /** Labels that select this app's pods (name + instance). */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** All `app.kubernetes.io/*` labels of this app's objects. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The ServiceAccount name (the app name). */
  public readonly serviceAccountName: string;

  private readonly inbound: Connection[] = [];
  private readonly outbound: Connection[] = [];
  private readonly pendingTargets: { target: string; port?: number; direction: 'in' | 'out' }[] = [];
  private readonly podAnnotations: Record<string, string> = {};
  private readonly extraVolumes: { volume?: Record<string, unknown>; mount: Record<string, unknown> }[] = [];
  private readonly podTemplateHooks: ((template: Record<string, unknown>) => void)[] = [];

  constructor(scope: SecureNamespace, id: string, props: SecureAppProps) {
    super(SecureApp.checkScope(scope, id), id);
    Object.defineProperty(this, SECURE_APP, { value: true });
    const registry = APPS_BY_ROOT.get(this.node.root) ?? [];
    registry.push(this);
    APPS_BY_ROOT.set(this.node.root, registry);
    Platform.find(scope)?._addBeforeSynth(() => this._resolvePending());
    this.namespace = scope;
    this.name = id;
    const settings = scope.settings;
    const fail = (problem: string) => new DeclarationError('SecureApp', `${scope.name}/${id}`, problem);

    const nameProblem = dns1123LabelProblem('name', id);
    if (nameProblem) throw fail(nameProblem);

    this.kind = props.kind ?? WorkloadKind.DEPLOYMENT;
    this.image = props.image;
    const isJob = this.kind === WorkloadKind.JOB || this.kind === WorkloadKind.CRON_JOB;
    this.ports = (props.ports ?? []).map((p, i) => {
      const port = typeof p === 'number' ? { port: p } : p;
      return {
        port: port.port,
        name: port.name ?? (i === 0 ? 'http' : `port-${port.port}`),
        protocol: port.protocol ?? 'TCP',
      };
    });
    this.replicas = isJob ? undefined : (props.replicas ?? settings.defaultReplicas);
    this.resources = this.resolveResources(props.resources, settings.resourceProfiles, fail);
    this.writablePaths = [...(props.writablePaths ?? HARDENED_DEFAULTS.writablePaths)];
    this.runAsUser = props.runAsUser ?? HARDENED_DEFAULTS.runAsUser;
    this.runAsGroup = props.runAsGroup ?? HARDENED_DEFAULTS.runAsGroup;
    this.apiAccess = [...(props.apiAccess ?? [])];
    this.serviceAccountName = id;
    this.selectorLabels = { [LABELS.name]: id, [LABELS.instance]: `${scope.name}-${id}` };
    this.labels = {
      ...this.selectorLabels,
      [LABELS.component]: props.component ?? 'service',
      [LABELS.managedBy]: HARDENED_DEFAULTS.managedBy,
      [LABELS.partOf]: props.partOf ?? settings.partOf,
    };

    const problem = this.validate(props, isJob, settings.requireImageDigests, settings.minDeploymentReplicas);
    if (problem) throw fail(problem);

    this.render(props, isJob);
    if (this.apiAccess.length > 0 || props.clusterApiAccess) {
      const api = settings.kubernetesApi;
      if (!api)
        throw fail(
          `apiAccess needs the environment's 'kubernetesApi' endpoint (cidr and port) so the app can reach the API server. Set it in the Platform settings.`,
        );
      this.allowToCidr('kubernetes-api', api.cidr, api.port);
    }
    if (props.secrets && props.secrets.length > 0) {
      new AppSecrets(this, {
        secrets: props.secrets,
        env: props.env ?? {},
        storageMountPath: props.storage?.mountPath,
      });
    }
  }

  /** `namespace/app`, as used in messages and string connection targets. */
  public get displayPath(): string {
    return `${this.namespace.name}/${this.name}`;
  }

  /**
   * Allows `peer` to call this app on `port` (default: the app's first port). Opens exactly that flow:
   * ingress on this app and, when the peer is a SecureApp, egress on the peer.
   */
  public allowFrom(peer: ConnectionTarget, port?: number): this {
    this.connect(peer, port, 'in');
    return this;
  }

  /**
   * Allows this app to call `peer` on `port` (default: the peer app's first port; required for
   * other peers). Opens egress on this app and, when the peer is a SecureApp, ingress on the peer.
   */
  public allowTo(peer: ConnectionTarget, port?: number): this {
    this.connect(peer, port, 'out');
    return this;
  }

  /** Allows egress to a named external network on `port`. */
  public allowToCidr(name: string, cidr: string, port: number): this {
    const problem =
      cidrProblem(`allowToCidr('${name}') cidr`, cidr) ?? portProblem(`allowToCidr('${name}') port`, port);
    if (problem) throw new DeclarationError('SecureApp', this.displayPath, problem);
    this.outbound.push({ peer: Peer.cidr(name, cidr), port, protocol: 'TCP' });
    return this;
  }

  /** Adds annotations to the pod template (used by secret backends, e.g. the Vault Agent Injector). */
  public addPodAnnotations(annotations: Readonly<Record<string, string>>): void {
    Object.assign(this.podAnnotations, annotations);
  }

  /** Adds a pod volume and its mount in the app container (used by secret backends). */
  public addVolume(volume: Record<string, unknown>, mount: Record<string, unknown>): void {
    this.extraVolumes.push({ volume, mount });
  }

  /**
   * Adjusts the rendered pod template at synthesis, after every other part is in place (used by
   * secret backends for what the other hooks cannot express: env vars from Secrets, pod volumes no
   * app container mounts).
   */
  public addPodTemplateHook(hook: (template: Record<string, unknown>) => void): void {
    this.podTemplateHooks.push(hook);
  }

  /** Adds annotations to the workload object itself (e.g. a reloader's, which it reads there). */
  public addWorkloadAnnotations(annotations: Readonly<Record<string, string>>): void {
    const workload = this.node.findChild('Workload') as ApiObject;
    for (const [key, value] of Object.entries(annotations)) workload.metadata.addAnnotation(key, value);
  }

  /** The ingress connections (resolved), for analyses and tests. */
  public get inboundConnections(): readonly Connection[] {
    resolveAllPending(this);
    return [...this.inbound];
  }

  /** The egress connections (resolved), for analyses and tests. */
  public get outboundConnections(): readonly Connection[] {
    resolveAllPending(this);
    return [...this.outbound];
  }

  private static checkScope(scope: SecureNamespace, id: string): SecureNamespace {
    if (!SecureNamespace.isSecureNamespace(scope)) {
      throw new DeclarationError(
        'SecureApp',
        id,
        'must be declared inside a SecureNamespace: new SecureApp(namespace, id, props).',
      );
    }
    if (scope.node.tryFindChild(id)) {
      throw new DeclarationError(
        'SecureApp',
        `${scope.name}/${id}`,
        `an app named '${id}' is already declared in namespace '${scope.name}'. Give each app a unique name.`,
      );
    }
    return scope;
  }

  private connect(peer: ConnectionTarget, port: number | undefined, direction: 'in' | 'out'): void {
    if (typeof peer === 'string') {
      this.pendingTargets.push({ target: peer, port, direction });
      return;
    }
    const method = direction === 'in' ? 'allowFrom' : 'allowTo';
    if (SecureApp.isSecureApp(peer)) {
      const callee = direction === 'in' ? this : peer;
      const caller = direction === 'in' ? peer : this;
      const resolved = port ?? callee.ports[0]?.port;
      const exposed = callee.ports.find((p) => p.port === resolved);
      if (!exposed) {
        const listed = callee.ports.map((p) => p.port).join(', ') || 'none';
        throw new DeclarationError(
          'SecureApp',
          this.displayPath,
          `${method}('${peer.displayPath}', ${resolved ?? 'no port'}): app '${callee.displayPath}' does not listen on that port (ports: ${listed}).`,
        );
      }
      addUnique(callee.inbound, { peer: caller, port: exposed.port, protocol: exposed.protocol });
      addUnique(caller.outbound, { peer: callee, port: exposed.port, protocol: exposed.protocol });
      return;
    }
    if (port === undefined && direction === 'out') {
      throw new DeclarationError('SecureApp', this.displayPath, `allowTo(${peer.description}) needs a port.`);
    }
    const resolved = port ?? this.ports[0]?.port;
    if (resolved === undefined) {
      throw new DeclarationError(
        'SecureApp',
        this.displayPath,
        `${method}(${peer.description}) needs a port: the app exposes none.`,
      );
    }
    const problem = portProblem(`${method}(${peer.description}) port`, resolved);
    if (problem) throw new DeclarationError('SecureApp', this.displayPath, problem);
    if (peer.type === 'cidr' && direction === 'in') {
      throw new DeclarationError(
        'SecureApp',
        this.displayPath,
        `allowFrom(${peer.description}): CIDR peers are egress only; admit external traffic through the ingress controller.`,
      );
    }
    if (direction === 'in' && !this.ports.some((p) => p.port === resolved)) {
      throw new DeclarationError(
        'SecureApp',
        this.displayPath,
        `allowFrom(${peer.description}, ${resolved}): the app does not listen on that port.`,
      );
    }
    addUnique(direction === 'in' ? this.inbound : this.outbound, { peer, port: resolved, protocol: 'TCP' });
  }

  /**
   * Resolves `'namespace/app'` targets once every app is declared (at synthesis).
   *
   * @internal
   */
  public _resolvePending(): void {
    while (this.pendingTargets.length > 0) {
      const { target, port, direction } = this.pendingTargets.shift()!;
      const found = findApp(this, target);
      if (!found) {
        throw new DeclarationError(
          'SecureApp',
          this.displayPath,
          `${direction === 'in' ? 'allowFrom' : 'allowTo'}('${target}') names an undeclared app. Declare it with new SecureApp(...) or use Peer.pods(...) for pods Bulwark does not manage.`,
        );
      }
      this.connect(found, port, direction);
    }
  }

  private resolveResources(
    resources: string | ResourceProfile | undefined,
    profiles: Readonly<Record<string, ResourceProfile>>,
    fail: (p: string) => DeclarationError,
  ): ResourceProfile {
    if (typeof resources === 'object') return resources;
    const names = Object.keys(profiles).sort();
    const name = resources ?? (names.length === 1 ? names[0] : 'default');
    const profile = profiles[name];
    if (!profile)
      throw fail(`resources '${name}' is not a resource profile of this environment (${names.join(', ')}).`);
    return profile;
  }

  private validate(
    props: SecureAppProps,
    isJob: boolean,
    requireDigest: boolean,
    minReplicas: number,
  ): string | undefined {
    const problems: (string | undefined)[] = [imageProblem('image', props.image, requireDigest)];
    const seenPorts = new Set<number>();
    this.ports.forEach((p, i) => {
      problems.push(portProblem(`ports[${i}]`, p.port));
      if (seenPorts.has(p.port)) problems.push(`ports[${i}] ${p.port} is declared twice.`);
      seenPorts.add(p.port);
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 15) {
        problems.push(
          `ports[${i}].name '${p.name}' must be an IANA service name (lower-case, at most 15 characters).`,
        );
      }
    });
    if (props.replicas !== undefined) {
      if (isJob) problems.push(`replicas is not supported for kind ${this.kind}.`);
      else if (!Number.isInteger(props.replicas) || props.replicas < 0)
        problems.push(`replicas ${props.replicas} must be a whole number >= 0.`);
    }
    if (this.kind === WorkloadKind.DEPLOYMENT && this.replicas !== undefined && this.replicas < minReplicas) {
      problems.push(
        `replicas ${this.replicas} is below this environment's minimum of ${minReplicas} for Deployments.`,
      );
    }
    for (const [field, id] of [
      ['runAsUser', this.runAsUser],
      ['runAsGroup', this.runAsGroup],
    ] as const) {
      if (!Number.isInteger(id) || id < HARDENED_DEFAULTS.minimumId) {
        problems.push(`${field} ${id} must be a whole number >= ${HARDENED_DEFAULTS.minimumId} (never 0).`);
      }
    }
    const seenPaths = new Set<string>();
    this.writablePaths.forEach((path, i) => {
      problems.push(absolutePathProblem(`writablePaths[${i}]`, path));
      if (seenPaths.has(volumeNameFor(path)))
        problems.push(`writablePaths[${i}] '${path}' is declared twice.`);
      seenPaths.add(volumeNameFor(path));
    });
    const r = this.resources;
    for (const [field, value] of Object.entries(r))
      problems.push(quantityProblem(`resources.${field}`, String(value)));
    if (isJob && this.ports.length > 0)
      problems.push(`ports are not supported for kind ${this.kind}: jobs serve no traffic.`);
    if (this.kind === WorkloadKind.CRON_JOB) {
      if (props.schedule === undefined)
        problems.push(`schedule is required for kind CronJob (e.g. '0 3 * * *').`);
      else if (!CRON.test(props.schedule.trim()))
        problems.push(`schedule '${props.schedule}' is not a cron expression (e.g. '0 3 * * *').`);
    } else if (props.schedule !== undefined) problems.push(`schedule is only supported for kind CronJob.`);
    const deadline = props.startingDeadlineSeconds;
    if (deadline !== undefined) {
      if (this.kind !== WorkloadKind.CRON_JOB)
        problems.push(`startingDeadlineSeconds is only supported for kind CronJob.`);
      else if (!Number.isInteger(deadline) || deadline < 10)
        problems.push(
          `startingDeadlineSeconds ${deadline} must be a whole number >= 10: the CronJob controller checks schedules every 10 seconds, so a shorter deadline can skip every run.`,
        );
    }
    if (props.storage !== undefined) {
      if (this.kind !== WorkloadKind.STATEFUL_SET)
        problems.push(`storage is only supported for kind StatefulSet.`);
      problems.push(quantityProblem('storage.size', props.storage.size));
      problems.push(absolutePathProblem('storage.mountPath', props.storage.mountPath));
    }
    if (!isJob) {
      problems.push(...healthCheckProblems('readiness', props.readiness ?? {}, this.ports.length > 0));
      if (props.liveness)
        problems.push(...healthCheckProblems('liveness', props.liveness, this.ports.length > 0));
    }
    this.apiAccess.forEach((a, i) => problems.push(...apiAccessProblems(`apiAccess[${i}]`, a)));
    if (props.clusterApiAccess) {
      const c = props.clusterApiAccess;
      if ((c.justification ?? '').trim().length < 10) {
        problems.push(
          `clusterApiAccess needs a 'justification' of at least 10 characters: cluster-wide access reaches every namespace.`,
        );
      }
      c.rules.forEach((a, i) => problems.push(...apiAccessProblems(`clusterApiAccess.rules[${i}]`, a)));
    }
    return problems.find((p) => p !== undefined);
  }

  private render(props: SecureAppProps, isJob: boolean): void {
    const ns = this.namespace;
    const labels = this.labels;
    const mountToken = this.apiAccess.length > 0 || props.clusterApiAccess !== undefined;

    ns.namespaced(
      'ServiceAccount',
      'v1',
      'ServiceAccount',
      this.serviceAccountName,
      { automountServiceAccountToken: false },
      this,
      labels,
    );

    const multi = (this.replicas ?? 0) > 1;
    const template = Lazy.any({
      produce: () => {
        const rendered = renderPodTemplate({
          appName: this.name,
          image: this.image,
          imagePinned: parseImage(this.image).digest !== undefined,
          command: props.command,
          args: props.args,
          env: props.env ?? {},
          ports: this.ports,
          resources: this.resources,
          runAsUser: this.runAsUser,
          runAsGroup: this.runAsGroup,
          fsGroup: this.runAsGroup,
          writablePaths: this.writablePaths,
          extraVolumes: this.extraVolumes,
          readiness: isJob ? undefined : (props.readiness ?? {}),
          liveness: isJob ? undefined : (props.liveness ?? livenessFromReadiness(props.readiness ?? {})),
          serviceAccountName: this.serviceAccountName,
          // The token is the app's API identity; only apps that declared API access get one.
          mountToken,
          restartPolicy: isJob ? 'OnFailure' : 'Always',
          labels,
          annotations: this.podAnnotations,
          topologySpread: multi ? this.selectorLabels : undefined,
        });
        for (const hook of this.podTemplateHooks) hook(rendered);
        return rendered;
      },
    });
    ns.namespaced(
      'Workload',
      workloadApiVersion(this.kind),
      this.kind,
      this.name,
      { spec: this.workloadSpec(props, template) },
      this,
      labels,
    );

    // A StatefulSet's governing Service (its spec.serviceName) is headless so each replica gets a
    // stable DNS name; it exists even without ports, which only a headless Service may lack.
    const statefulSet = this.kind === WorkloadKind.STATEFUL_SET;
    if (this.ports.length > 0 || statefulSet) {
      const service: Record<string, unknown> = { type: 'ClusterIP', selector: { ...this.selectorLabels } };
      if (this.ports.length > 0) {
        service.ports = this.ports.map((p) => ({
          name: p.name,
          port: p.port,
          protocol: p.protocol,
          targetPort: p.name,
        }));
      }
      if (statefulSet) service.clusterIP = 'None';
      ns.namespaced('Service', 'v1', 'Service', this.name, { spec: service }, this, labels);
    }
    if (multi) {
      ns.namespaced(
        'Pdb',
        'policy/v1',
        'PodDisruptionBudget',
        this.name,
        {
          spec: { maxUnavailable: 1, selector: { matchLabels: { ...this.selectorLabels } } },
        },
        this,
        labels,
      );
    }
    new ApiObject(this, 'NetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: this.name, namespace: ns.name, labels: { ...labels } },
      spec: Lazy.any({
        produce: () =>
          renderAppNetworkPolicy(this.selectorLabels, this.inboundConnections, this.outboundConnections),
      }),
    });
    this.renderRbac(props, labels);
  }

  private workloadSpec(props: SecureAppProps, template: unknown): Record<string, unknown> {
    const selector = { matchLabels: { ...this.selectorLabels } };
    const job = HARDENED_DEFAULTS.job;
    const jobSpec = {
      activeDeadlineSeconds: job.activeDeadlineSeconds,
      backoffLimit: job.backoffLimit,
      template,
      ttlSecondsAfterFinished: job.ttlSecondsAfterFinished,
    };
    switch (this.kind) {
      case WorkloadKind.DEPLOYMENT:
        return { replicas: this.replicas, revisionHistoryLimit: 5, selector, template };
      case WorkloadKind.STATEFUL_SET: {
        const spec: Record<string, unknown> = {
          replicas: this.replicas,
          selector,
          serviceName: this.name,
          template,
        };
        if (props.storage) {
          const claim: Record<string, unknown> = {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: props.storage.size } },
          };
          if (props.storage.storageClassName) claim.storageClassName = props.storage.storageClassName;
          spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: claim }];
          this.addVolumeMountOnly({ name: 'data', mountPath: props.storage.mountPath });
        }
        return spec;
      }
      case WorkloadKind.JOB:
        return jobSpec;
      case WorkloadKind.CRON_JOB:
        return {
          concurrencyPolicy: 'Forbid',
          failedJobsHistoryLimit: 1,
          jobTemplate: { spec: jobSpec },
          schedule: props.schedule,
          startingDeadlineSeconds:
            props.startingDeadlineSeconds ?? HARDENED_DEFAULTS.cronJobStartingDeadlineSeconds,
          successfulJobsHistoryLimit: 3,
        };
    }
  }

  private addVolumeMountOnly(mount: Record<string, unknown>): void {
    // The claim template provides the volume; only the mount is added to the container.
    this.extraVolumes.push({ mount });
  }

  private renderRbac(props: SecureAppProps, labels: Readonly<Record<string, string>>): void {
    const ns = this.namespace;
    const subject = [{ kind: 'ServiceAccount', name: this.serviceAccountName, namespace: ns.name }];
    if (this.apiAccess.length > 0) {
      ns.namespaced(
        'Role',
        'rbac.authorization.k8s.io/v1',
        'Role',
        this.name,
        { rules: this.apiAccess.map(toPolicyRule) },
        this,
        labels,
      );
      ns.namespaced(
        'RoleBinding',
        'rbac.authorization.k8s.io/v1',
        'RoleBinding',
        this.name,
        {
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
          subjects: subject,
        },
        this,
        labels,
      );
    }
    if (props.clusterApiAccess) {
      const name = `${ns.name}-${this.name}`;
      const metadata = {
        name,
        labels: { ...labels },
        annotations: { 'bulwark.dev/justification': props.clusterApiAccess.justification.trim() },
      };
      new ApiObject(this, 'ClusterRole', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata,
        rules: props.clusterApiAccess.rules.map(toPolicyRule),
      });
      new ApiObject(this, 'ClusterRoleBinding', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: subject,
      });
    }
  }
}

function workloadApiVersion(kind: WorkloadKind): string {
  return kind === WorkloadKind.JOB || kind === WorkloadKind.CRON_JOB ? 'batch/v1' : 'apps/v1';
}

function addUnique(list: Connection[], connection: Connection): void {
  if (
    !list.some(
      (c) => c.peer === connection.peer && c.port === connection.port && c.protocol === connection.protocol,
    )
  ) {
    list.push(connection);
  }
}

/** Finds `'namespace/app'` (or `'app'` in the caller's namespace) among the apps of the same chart. */
function findApp(from: SecureApp, target: string): SecureApp | undefined {
  const [nsName, appName] = target.includes('/') ? target.split('/', 2) : [from.namespace.name, target];
  return (APPS_BY_ROOT.get(from.node.root) ?? []).find(
    (a) => a.namespace.name === nsName && a.name === appName,
  );
}

/** Every app's string targets must be resolved before any app's policy renders: a flow has two ends. */
function resolveAllPending(from: SecureApp): void {
  for (const app of APPS_BY_ROOT.get(from.node.root) ?? []) app._resolvePending();
}
