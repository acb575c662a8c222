/** Bulwark's constructs: the library platform teams import. */
export * from './api-access';
export type { Connection } from './app-network-policy';
export * from './cluster-guardrails';
export * from './defaults';
export * from './errors';
export * from './health-check';
export * from './peer';
export * from './platform';
export type { AppPort } from './pod-template';
export * from './secrets';
export * from './secure-app';
export * from './secure-namespace';
