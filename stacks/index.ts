/**
 * The Bulwark Pulumi program (`Pulumi.yaml` `main`). The stack name picks the environment
 * (`pulumi up --stack prod`); see `stacks/README.md`.
 */
import { loadStackConfig } from './config';
import { runProgram } from './program';

const result = runProgram(loadStackConfig());

/** The namespaces the blueprint owns. */
export const namespaces = result.outputs.namespaces;
/** The apps, with their namespace, kind, image and service account. */
export const apps = result.outputs.apps;
/** The policy gate's summary, with every suppression and its reason. */
export const compliance = result.outputs.compliance;
/** The Vault policies and roles this stack manages (empty where the environment does not manage Vault). */
export const vault = result.outputs.vault;
