/** Vault-backed secrets: declarations, the Kubernetes side per backend, and the Vault side. */
export { AppSecrets, RELOADER_ANNOTATION, type AppSecretsProps } from './app-secrets';
export * from './declaration';
export { ESO_API_VERSION } from './eso';
export * from './names';
export type { ResolvedSecret, SecretSource } from './resolve';
export * from './vault-settings';
export * from './vault-side';
export { VSO_API_VERSION } from './vso';
