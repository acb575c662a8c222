import { HARDENED_DEFAULTS, SecureNamespace } from '../../constructs';
import { find, objectsOf, testPlatform } from '../helpers/chart';

describe('SecureNamespace', () => {
  const platform = testPlatform({ pssVersion: 'v1.33' });
  new SecureNamespace(platform, 'shop');
  const objects = objectsOf(platform);

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('pins Pod Security Admission to restricted at the environment version in all three modes', () => {
    const labels = find(objects, 'Namespace', 'shop').metadata.labels;
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.33');
    }
  });

  test('denies all ingress and egress by default', () => {
    const deny = find(objects, 'NetworkPolicy', 'default-deny', 'shop');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allows DNS egress to the cluster DNS only, on 53 UDP and TCP', () => {
    const dns = find(objects, 'NetworkPolicy', 'allow-dns', 'shop');
    expect(dns.spec.policyTypes).toEqual(['Egress']);
    expect(dns.spec.egress).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ]);
  });

  test('the default ServiceAccount mounts no token', () => {
    expect(find(objects, 'ServiceAccount', 'default', 'shop').automountServiceAccountToken).toBe(false);
  });

  test('quota forbids NodePorts and LoadBalancers; LimitRange defaults match the hardened profile', () => {
    expect(find(objects, 'ResourceQuota', 'quota', 'shop').spec.hard).toMatchObject({
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    const limits = find(objects, 'LimitRange', 'limits', 'shop').spec.limits[0];
    expect(limits.default.memory).toBe(HARDENED_DEFAULTS.resourceProfile.memoryLimit);
  });

  test('defaults the PSS version when used outside an environment', () => {
    const p = testPlatform();
    new SecureNamespace(p, 'plain');
    const labels = find(objectsOf(p), 'Namespace', 'plain').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe(HARDENED_DEFAULTS.pssVersion);
  });
});
