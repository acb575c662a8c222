/**
 * A namespace that is safe to put apps in: Pod Security Admission enforcing restricted, default deny
 * in both directions with DNS as the only egress, quotas, and a `default` ServiceAccount that mounts
 * no token.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { HARDENED_DEFAULTS, LABELS } from './defaults';
import { DeclarationError } from './errors';
import { Platform, type ResolvedPlatformSettings } from './platform';
import { dns1123LabelProblem, quantityProblem } from './validation';

/** The label that marks namespaces Bulwark manages (admission guardrails select on it). */
export const MANAGED_NAMESPACE_LABEL = 'bulwark.dev/managed';

/** Hard limits of a namespace's ResourceQuota. */
export interface NamespaceQuota {
  /**
   * Sum of CPU requests.
   *
   * @default '8'
   */
  readonly cpu?: string;
  /**
   * Sum of memory requests and of memory limits.
   *
   * @default '16Gi'
   */
  readonly memory?: string;
  /**
   * Sum of ephemeral-storage requests and limits.
   *
   * @default '20Gi'
   */
  readonly ephemeralStorage?: string;
  /**
   * Number of pods.
   *
   * @default 50
   */
  readonly pods?: number;
}

/** Properties for `SecureNamespace`. */
export interface SecureNamespaceProps {
  /**
   * Namespace name (DNS-1123 label).
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * ResourceQuota limits.
   *
   * @default - the NamespaceQuota defaults
   */
  readonly quota?: NamespaceQuota;
  /**
   * Extra labels for the Namespace object.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

const SECURE_NAMESPACE = Symbol.for('bulwark.SecureNamespace');

/**
 * A hardened namespace. Apps are declared inside it: `new SecureApp(namespace, 'orders', {...})`.
 */
export class SecureNamespace extends Construct {
  /** True when `x` is a SecureNamespace (works across copies of the library). */
  public static isSecureNamespace(x: unknown): x is SecureNamespace {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[SECURE_NAMESPACE] === true;
  }

  /** The namespace name. */
  public readonly name: string;
  /** The quota with defaults applied. */
  public readonly quota: Required<NamespaceQuota>;
  /** The environment settings in force. */
  public readonly settings: ResolvedPlatformSettings;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    super(scope, id);
    Object.defineProperty(this, SECURE_NAMESPACE, { value: true });
    this.name = props.name ?? id;
    this.settings = Platform.settingsOf(this);
    this.quota = {
      cpu: props.quota?.cpu ?? '8',
      memory: props.quota?.memory ?? '16Gi',
      ephemeralStorage: props.quota?.ephemeralStorage ?? '20Gi',
      pods: props.quota?.pods ?? 50,
    };
    this.validate();

    const pss = this.settings.pssVersion;
    new ApiObject(this, 'Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: this.name,
        labels: {
          ...props.labels,
          [LABELS.namespaceName]: this.name,
          [LABELS.managedBy]: HARDENED_DEFAULTS.managedBy,
          [MANAGED_NAMESPACE_LABEL]: 'true',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': pss,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': pss,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': pss,
        },
      },
    });
    this.namespaced('DefaultDeny', 'networking.k8s.io/v1', 'NetworkPolicy', 'default-deny', {
      // Empty selector and no rules: every pod is isolated in both directions until an app opens a flow.
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    const dns = HARDENED_DEFAULTS.dns;
    const dnsPorts = [53].flatMap((port) => [
      { port, protocol: 'UDP' },
      { port, protocol: 'TCP' },
    ]);
    this.namespaced('AllowDns', 'networking.k8s.io/v1', 'NetworkPolicy', 'allow-dns', {
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { [LABELS.namespaceName]: dns.namespace } },
                podSelector: { matchLabels: { ...dns.podLabels } },
              },
            ],
            ports: dnsPorts,
          },
        ],
      },
    });
    const q = this.quota;
    this.namespaced('Quota', 'v1', 'ResourceQuota', 'quota', {
      spec: {
        hard: {
          'limits.ephemeral-storage': q.ephemeralStorage,
          'limits.memory': q.memory,
          pods: String(q.pods),
          'requests.cpu': q.cpu,
          'requests.ephemeral-storage': q.ephemeralStorage,
          'requests.memory': q.memory,
          // Nothing in a Bulwark namespace is exposed outside the cluster network by accident.
          'services.loadbalancers': '0',
          'services.nodeports': '0',
        },
      },
    });
    const profile = HARDENED_DEFAULTS.resourceProfile;
    this.namespaced('Limits', 'v1', 'LimitRange', 'limits', {
      // Defaults for containers Bulwark did not build (e.g. added by an operator), so none runs unbounded.
      spec: {
        limits: [
          {
            type: 'Container',
            default: { 'ephemeral-storage': profile.ephemeralStorageLimit, memory: profile.memoryLimit },
            defaultRequest: {
              cpu: profile.cpuRequest,
              'ephemeral-storage': profile.ephemeralStorageRequest,
              memory: profile.memoryRequest,
            },
          },
        ],
      },
    });
    this.namespaced('DefaultServiceAccount', 'v1', 'ServiceAccount', 'default', {
      automountServiceAccountToken: false,
    });
  }

  /** Display path used in error messages: the namespace name. */
  public get displayPath(): string {
    return this.name;
  }

  /**
   * Adds a namespaced object with the standard metadata. Used by the apps of this namespace.
   *
   * @internal
   */
  public namespaced(
    id: string,
    apiVersion: string,
    kind: string,
    name: string,
    body: Record<string, unknown>,
    scope: Construct = this,
    labels: Readonly<Record<string, string>> = { [LABELS.managedBy]: HARDENED_DEFAULTS.managedBy },
    annotations?: Readonly<Record<string, string>>,
  ): ApiObject {
    const metadata: Record<string, unknown> = { name, namespace: this.name, labels: { ...labels } };
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    return new ApiObject(scope, id, { apiVersion, kind, metadata, ...body });
  }

  private validate(): void {
    const problems = [dns1123LabelProblem('name', this.name)];
    problems.push(quantityProblem('quota.cpu', this.quota.cpu));
    problems.push(quantityProblem('quota.memory', this.quota.memory));
    problems.push(quantityProblem('quota.ephemeralStorage', this.quota.ephemeralStorage));
    if (!Number.isInteger(this.quota.pods) || this.quota.pods < 1)
      problems.push(`quota.pods ${this.quota.pods} must be a whole number >= 1.`);
    if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(this.name)) {
      problems.push(`name '${this.name}' is a system namespace. Give the namespace its own name.`);
    }
    const first = problems.find((p) => p !== undefined);
    if (first) throw new DeclarationError('SecureNamespace', this.name, first);
  }
}
