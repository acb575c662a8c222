/** The jest matcher people who extend the constructs use: `expect(chart).toPassBulwarkRules()`. */
import { ApiObject } from 'cdk8s';
import { SecureApp, SecureNamespace } from '../../../constructs';
import { bulwarkMatchers } from '../../../policies/adapters/jest';
import { testPlatform } from '../../helpers/chart';

expect.extend(bulwarkMatchers);

const IMAGE = 'registry.example.com/shop/orders:1.0.0@sha256:' + 'd'.repeat(64);

test('a chart built from Bulwark constructs passes', () => {
  const platform = testPlatform();
  const shop = new SecureNamespace(platform, 'shop');
  new SecureApp(shop, 'orders', { image: IMAGE, ports: [8080] });
  expect(platform).toPassBulwarkRules();
});

test('a chart with a hand-written privileged pod fails, listing the findings', () => {
  const platform = testPlatform();
  new SecureNamespace(platform, 'shop');
  new ApiObject(platform, 'rogue', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'rogue', namespace: 'shop' },
    spec: { containers: [{ name: 'c', image: IMAGE, securityContext: { privileged: true } }] },
  });
  const result = bulwarkMatchers.toPassBulwarkRules(platform);
  expect(result.pass).toBe(false);
  expect(result.message()).toContain(
    'error pss.baseline.privileged Pod shop/rogue spec.containers[0].securityContext.privileged',
  );
  expect(() => expect(platform).toPassBulwarkRules()).toThrow(
    'expected the chart to pass every Bulwark rule',
  );
});
