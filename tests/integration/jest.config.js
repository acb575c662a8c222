/**
 * Integration suites: a real kube-apiserver + etcd (tools/cluster). Run with
 * `npm run test:integration`; the global setup starts or reuses the control plane.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/integration'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/integration/global-setup.ts',
  testTimeout: 300_000,
};
