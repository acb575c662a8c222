/**
 * Development: two replicas (so disruption budgets and spreading are exercised before staging),
 * small resources, digests still pinned by the blueprint but not required.
 */
import { defineEnvironment } from './schema';
import { RESOURCE_PROFILES } from './shared';

export const dev = defineEnvironment('environments/dev.ts', {
  name: 'dev',
  pssVersion: 'v1.37',
  requireImageDigests: false,
  defaultReplicas: 2,
  minDeploymentReplicas: 2,
  resourceProfiles: RESOURCE_PROFILES.reduced,
  ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  kubernetesApi: { cidr: '10.0.0.1/32', port: 6443 },
  egress: {
    'payments-provider': { cidr: '203.0.113.0/24', port: 443 },
    // Vault, for apps whose pods call it themselves (the Vault Agent Injector's agent).
    vault: { cidr: '10.0.8.20/32', port: 8200 },
  },
  vault: {
    address: 'https://vault.dev.internal.example:8200',
    kvMount: 'kv',
    kubernetesAuthMount: 'kubernetes-dev',
    manageVault: false,
  },
  secretRefreshInterval: '15m',
});
