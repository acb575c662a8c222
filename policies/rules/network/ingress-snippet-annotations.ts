/**
 * Ingresses carry no ingress-nginx snippet annotations. Snippets inject raw nginx configuration,
 * which lets anyone who can write an Ingress read the controller's credentials (CVE-2021-25742)
 * and every Secret it can see.
 *
 * Fields: metadata.annotations["nginx.ingress.kubernetes.io/*-snippet"]
 */
import { defineRule } from '../../rule';

const SNIPPET = /^nginx\.ingress\.kubernetes\.io\/[a-z-]*snippet$/;

export const ingressSnippetAnnotations = defineRule({
  id: 'network.ingress-snippet-annotations',
  title: 'Ingresses carry no nginx snippet annotations',
  pack: 'network',
  severity: 'error',
  frameworks: ['nsa:network-separation', 'kbp:NET-009'],
  kinds: ['Ingress'],
  description:
    'Snippet annotations inject raw nginx configuration into the shared controller, a known path to its service-account token and all Secrets (CVE-2021-25742).',
  remediation:
    'Remove the snippet annotation and use the dedicated ingress-nginx annotations or a separate controller.',
  references: ['https://github.com/kubernetes/ingress-nginx/issues/7837'],
  check(target) {
    return Object.keys(target.object.metadata?.annotations ?? {})
      .filter((key) => SNIPPET.test(key))
      .map((key) => ({
        path: `metadata.annotations.${key}`,
        message: `annotation "${key}" injects raw nginx configuration`,
      }));
  },
});
