/** Production: digests required, at least two replicas per Deployment, full-size resources. */
import { defineEnvironment } from './schema';
import { RESOURCE_PROFILES } from './shared';

export const prod = defineEnvironment('environments/prod.ts', {
  name: 'prod',
  pssVersion: 'v1.37',
  requireImageDigests: true,
  defaultReplicas: 3,
  minDeploymentReplicas: 2,
  resourceProfiles: RESOURCE_PROFILES.full,
  ingressController: { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
  kubernetesApi: { cidr: '10.30.0.10/32', port: 6443 },
  egress: {
    'payments-provider': { cidr: '198.51.100.0/24', port: 443 },
    // Vault, for apps whose pods call it themselves (the Vault Agent Injector's agent).
    vault: { cidr: '10.30.8.20/32', port: 8200 },
  },
  vault: {
    address: 'https://vault.prod.internal.example:8200',
    kvMount: 'kv',
    kubernetesAuthMount: 'kubernetes-prod',
    manageVault: true,
  },
  secretRefreshInterval: '1h',
});
