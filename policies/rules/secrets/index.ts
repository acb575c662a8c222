/** The `secrets` pack: no secret values in manifests, and every referenced Secret comes from Vault. */
import type { Rule } from '../../rule';
import { configmapCredential } from './configmap-credential';
import { envLiteralCredential } from './env-literal-credential';
import { secretData } from './secret-data';
import { secretEnvVar } from './secret-env-var';
import { unmanagedSecretReference } from './unmanaged-secret-reference';

/** Rules of the `secrets` pack. */
export const SECRETS_RULES: readonly Rule[] = [
  configmapCredential,
  envLiteralCredential,
  secretData,
  secretEnvVar,
  unmanagedSecretReference,
];
