/**
 * The constructs: `SecureNamespace`, `SecureApp`, `Platform`, `Peer`, Vault-backed secrets and the
 * cluster guardrails. Also the package's main entry (`import { SecureApp } from 'bulwark'`).
 *
 * @packageDocumentation
 */
export * from '../constructs';
