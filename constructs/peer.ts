/**
 * Network peers an app can be connected to. Bulwark only ever writes policies for the apps it owns;
 * a peer that is not a SecureApp is referenced by selector and never modified.
 */
import { LABELS } from './defaults';

/** A peer outside Bulwark's apps, rendered as a NetworkPolicy peer. */
export class Peer {
  /**
   * Pods of a namespace Bulwark does not manage, e.g. an ingress controller. Both selectors are
   * exact: the namespace by its immutable name label, the pods by their labels.
   */
  public static pods(
    namespace: string,
    podLabels: Readonly<Record<string, string>>,
    description?: string,
  ): Peer {
    return new Peer('pods', description ?? `pods ${labelText(podLabels)} in namespace ${namespace}`, {
      namespaceSelector: { matchLabels: { [LABELS.namespaceName]: namespace } },
      podSelector: { matchLabels: { ...podLabels } },
    });
  }

  /** The ingress controller's pods (default: ingress-nginx's controller labels). */
  public static ingressController(
    namespace = 'ingress-nginx',
    podLabels: Readonly<Record<string, string>> = {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    },
  ): Peer {
    return Peer.pods(namespace, podLabels, `ingress controller in namespace ${namespace}`);
  }

  /** A named external network, e.g. a payment provider's range. Egress only. */
  public static cidr(name: string, cidr: string, except: readonly string[] = []): Peer {
    const ipBlock: Record<string, unknown> = { cidr };
    if (except.length > 0) ipBlock.except = [...except];
    return new Peer('cidr', `network ${name} (${cidr})`, { ipBlock }, cidr, except);
  }

  private constructor(
    /** What sort of peer this is. */
    public readonly type: 'pods' | 'cidr',
    /** A human description for errors and reports. */
    public readonly description: string,
    private readonly rendered: Readonly<Record<string, unknown>>,
    /** The CIDR, for `cidr` peers. */
    public readonly cidr?: string,
    /** Excepted ranges, for `cidr` peers. */
    public readonly except: readonly string[] = [],
  ) {}

  /** @internal The NetworkPolicyPeer JSON. */
  public _toPeer(): Record<string, unknown> {
    return structuredClone(this.rendered) as Record<string, unknown>;
  }
}

function labelText(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
