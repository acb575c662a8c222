/**
 * Helm v2's Tiller is not deployed (Checkov CKV_K8S_34/CKV_K8S_45, Trivy KSV-0102). Tiller runs
 * with cluster-wide rights and, by default, serves its unauthenticated gRPC API on port 44134 to the
 * whole cluster network, so any pod can install anything through it. Helm v2 is unsupported since
 * November 2020.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].{image,command,args}
 * Flagged: a container whose image's last path component is `tiller` (`gcr.io/kubernetes-helm/tiller`,
 * `ghcr.io/helm/tiller`, any mirror), unless its command and args give `--listen=<loopback>:<port>`
 * (localhost, 127.x.x.x or [::1]) and no other `--listen`, the "Tiller behind the local helm client"
 * setup the catalog accepts. The two-argument form `--listen localhost:44134` is not recognized:
 * write it as one argument.
 * Not covered: a Tiller Service alone (CKV_K8S_44): it exposes nothing without the pod this flags.
 */
import { argumentsOf } from '../../analysis/commands';
import { TILLER_IMAGE_PATTERN } from '../../analysis/images';
import { containersOf, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';

const TILLER_IMAGE = new RegExp(TILLER_IMAGE_PATTERN);
/** Any `--listen` / `-listen` flag (Go's flag package accepts both). */
export const LISTEN_FLAG_PATTERN = '^--?listen(?:=|$)';
/** A `--listen` flag that binds a loopback address only. */
export const LOOPBACK_LISTEN_PATTERN = '^--?listen=(?:localhost|127(?:\\.[0-9]+){3}|\\[::1\\]):[0-9]+$';
const LISTEN_FLAG = new RegExp(LISTEN_FLAG_PATTERN);
const LOOPBACK_LISTEN = new RegExp(LOOPBACK_LISTEN_PATTERN);

export const tiller = defineRule({
  id: 'workload.tiller',
  title: 'Helm v2 Tiller is not deployed',
  pack: 'workload',
  severity: 'error',
  frameworks: ['kbp:KNOWN-002'],
  kinds: POD_BEARING_KINDS,
  description:
    'Tiller (Helm v2, unsupported since 2020) holds broad cluster rights and serves an unauthenticated API to every pod, so any workload can use it to take over the cluster.',
  remediation:
    'Migrate the releases to Helm 3 (`helm 2to3`), which needs no in-cluster component, and delete Tiller; until then run it with `--listen=localhost:44134`.',
  references: [
    'https://helm.sh/blog/helm-v2-deprecation-timeline/',
    'https://v2.helm.sh/docs/securing_installation/',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    return containersOf(pod).flatMap((c) => {
      const image = str(c.container.image);
      if (image === undefined || !TILLER_IMAGE.test(image)) return [];
      const listen = argumentsOf(c.container).filter((a) => LISTEN_FLAG.test(a.value));
      if (listen.length > 0 && listen.every((a) => LOOPBACK_LISTEN.test(a.value))) return [];
      return [
        {
          path: `${c.path}.image`,
          message: `container "${c.name}" runs Helm v2 Tiller ("${image}") listening beyond localhost`,
        },
      ];
    });
  },
});
