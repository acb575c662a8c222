/** Staging: production-shaped (digests required, two replicas) at reduced size. */
import { defineEnvironment } from './schema';
import { RESOURCE_PROFILES } from './shared';

export const staging = defineEnvironment('environments/staging.ts', {
  name: 'staging',
  pssVersion: 'v1.37',
  requireImageDigests: true,
  defaultReplicas: 2,
  minDeploymentReplicas: 2,
  resourceProfiles: RESOURCE_PROFILES.reduced,
  ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  kubernetesApi: { cidr: '10.20.0.10/32', port: 6443 },
  egress: {
    'payments-provider': { cidr: '203.0.113.0/24', port: 443 },
    // Vault, for apps whose pods call it themselves (the Vault Agent Injector's agent).
    vault: { cidr: '10.20.8.20/32', port: 8200 },
  },
  vault: {
    address: 'https://vault.staging.internal.example:8200',
    kvMount: 'kv',
    kubernetesAuthMount: 'kubernetes-staging',
    manageVault: true,
  },
  secretRefreshInterval: '1h',
});
