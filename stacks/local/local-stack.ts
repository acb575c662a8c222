/**
 * The local deploy loop: the Bulwark Pulumi program (`runProgram`, the same code `pulumi up` runs)
 * as an Automation API inline program, against the local control plane (`tools/cluster/`), with a
 * Pulumi CLI and Kubernetes provider built from the Go module proxy (`tools/pulumi/`), a `file://`
 * backend and a passphrase secrets provider. Nothing here talks to Pulumi Cloud, downloads a plugin
 * or reads an ambient kubeconfig. `stacks/local/deploy.ts` is the command line over it; the
 * integration suite `tests/integration/pulumi.test.ts` drives it too.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, join, resolve } from 'path';
import * as pulumi from '@pulumi/pulumi';
import {
  LocalWorkspace,
  PulumiCommand,
  type PreviewOptions,
  type ProjectSettings,
  type Stack,
  type UpOptions,
} from '@pulumi/pulumi/automation';
import { parseAllDocuments } from 'yaml';
import { ENVIRONMENTS, ENVIRONMENT_NAMES, type Environment } from '../../environments';
import type { K8sObject } from '../../policies/types';
import { PROJECT, type StackConfig } from '../config';
import { runProgram, type ProgramResult } from '../program';
import { registerObjects } from '../register';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The CrossGuard pack every local preview and update runs (`pulumi --policy-pack policies/crossguard`). */
export const POLICY_PACK = join(REPO_ROOT, 'policies', 'crossguard');

/**
 * The passphrase of the local state's secrets provider. The state lives only on this machine, under
 * the cache dir, and holds nothing but the local plane's kubeconfig path as a secret; a fixed
 * passphrase keeps the loop free of prompts. Never use it for a shared backend.
 */
export const LOCAL_PASSPHRASE = 'bulwark-local-state-only';

/** The annotation that tells pulumi-kubernetes not to wait for an object to become ready. */
export const SKIP_AWAIT_ANNOTATION = 'pulumi.com/skipAwait';

/** The annotation that makes pulumi-kubernetes force server-side apply conflicts. */
export const PATCH_FORCE_ANNOTATION = 'pulumi.com/patchForce';

/** `~/.cache/bulwark` unless `BULWARK_CACHE_DIR` says otherwise (as tools/cluster and tools/pulumi). */
export function cacheDir(): string {
  return process.env.BULWARK_CACHE_DIR ?? join(homedir(), '.cache', 'bulwark');
}

/** Runs a repository script and returns its last stdout line; its progress goes to stderr. */
function lastLineOf(script: string, args: readonly string[] = []): string {
  const out = execFileSync('bash', [join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.trim().split('\n').pop() ?? '';
}

/**
 * The Automation API root dir (`<root>/bin/pulumi` and `<root>/bin/pulumi-resource-kubernetes`):
 * `BULWARK_PULUMI_ROOT` when set (prebuilt), else `tools/pulumi/build.sh`, which builds on first
 * use (long: see tools/pulumi/README.md) and answers from its cache afterwards.
 */
export function pulumiRoot(): string {
  const prebuilt = process.env.BULWARK_PULUMI_ROOT;
  if (prebuilt) return prebuilt;
  const root = lastLineOf('tools/pulumi/build.sh');
  if (!root.startsWith('/'))
    throw new Error(`tools/pulumi/build.sh did not print the root dir last (got '${root}')`);
  return root;
}

/**
 * Starts (or reuses) the local control plane and returns its kubeconfig path. Always the local
 * plane: the loop never follows an ambient KUBECONFIG to a real cluster.
 */
export function localKubeconfig(): string {
  const last = lastLineOf('tools/cluster/up.sh');
  if (!last.startsWith('KUBECONFIG=/'))
    throw new Error(`tools/cluster/up.sh did not print KUBECONFIG=... as its last line (got '${last}')`);
  return last.slice('KUBECONFIG='.length);
}

/** The upstream CRDs vendored under `crds/` (what the blueprint's custom resources need). */
export function vendoredCrds(): K8sObject[] {
  const base = join(REPO_ROOT, 'crds');
  const out: K8sObject[] = [];
  for (const group of readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort()) {
    for (const file of readdirSync(join(base, group.name))
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      for (const doc of parseAllDocuments(readFileSync(join(base, group.name, file), 'utf8'))) {
        const object = doc.toJS() as K8sObject | null;
        if (object && typeof object === 'object') out.push(object);
      }
    }
  }
  return out;
}

/**
 * Kinds whose readiness, as pulumi-kubernetes awaits it, needs running pods or a controller the
 * local plane does not have (it has no node, kubelet, ingress controller or volume provisioner):
 * the provider would wait for its timeout (10 minutes) and then fail. Services only when they
 * select pods (the provider then waits for ready endpoints); headless, ExternalName and
 * selector-less Services become ready without pods.
 */
const NODE_DEPENDENT_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicationController',
  'Job',
  'Pod',
  'Ingress',
  'PersistentVolumeClaim',
]);

/** Whether the provider would wait for pods (or a controller) that the local plane never runs. */
export function needsNodesToBecomeReady(object: K8sObject): boolean {
  if (NODE_DEPENDENT_KINDS.has(object.kind ?? '')) return true;
  if (object.kind !== 'Service') return false;
  const spec = (object.spec ?? {}) as {
    type?: string;
    clusterIP?: string;
    selector?: Record<string, string>;
  };
  return (
    spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && Object.keys(spec.selector ?? {}).length > 0
  );
}

/**
 * Adds `pulumi.com/skipAwait: "true"` to the objects that `needsNodesToBecomeReady`, leaving the
 * input untouched. The provider still server-side applies, diffs and reads these objects; it only
 * stops waiting for pods that cannot start without a node.
 */
export function withSkipAwait(objects: readonly K8sObject[]): K8sObject[] {
  return objects.map((object) =>
    needsNodesToBecomeReady(object) ? annotated(object, SKIP_AWAIT_ANNOTATION) : object,
  );
}

/**
 * Adds `pulumi.com/patchForce: "true"` to every object: server-side apply takes over fields that
 * another field manager set (`kubectl apply --force-conflicts`). For a local plane that still holds
 * objects applied by something else, e.g. the integration suites; never for a shared cluster.
 */
export function withPatchForce(objects: readonly K8sObject[]): K8sObject[] {
  return objects.map((object) => annotated(object, PATCH_FORCE_ANNOTATION));
}

/** A copy of `object` with annotation `key` set to "true". */
function annotated(object: K8sObject, key: string): K8sObject {
  const metadata = object.metadata ?? {};
  return { ...object, metadata: { ...metadata, annotations: { ...metadata.annotations, [key]: 'true' } } };
}

/**
 * The environment as deployed locally: the Vault side is off, because the local plane has no Vault
 * (and the Vault provider is not built). The Kubernetes objects do not depend on it.
 */
export function localEnvironment(name: string): Environment {
  const env = ENVIRONMENTS[name];
  if (!env) throw new Error(`unknown environment '${name}'; expected one of ${ENVIRONMENT_NAMES.join(', ')}`);
  return env.vault.manageVault ? { ...env, vault: { ...env.vault, manageVault: false } } : env;
}

/** Options of the local program. */
export interface LocalProgramOptions {
  /** The environment to deploy (`dev`, `staging`, `prod`). */
  readonly env: string;
  /** The local plane's kubeconfig path (`localKubeconfig()`). */
  readonly kubeconfig: string;
  /**
   * Annotate objects that need nodes to become ready with `pulumi.com/skipAwait` (see
   * `withSkipAwait`). Off only to watch the provider wait in vain.
   * @default true
   */
  readonly skipAwait?: boolean;
  /**
   * Deploy the vendored CRDs (`crds/`) with the blueprint, so the custom resources have their
   * kinds on a fresh plane. They go through the gate and the registration plan like every object
   * (CRDs first, each custom resource depending on its CRD).
   * @default true
   */
  readonly crds?: boolean;
  /**
   * Take over fields other field managers set (`withPatchForce`), for a plane that holds objects
   * applied by something else.
   * @default false
   */
  readonly forceConflicts?: boolean;
  /** Objects added to the blueprint before the gate, e.g. to watch the gate refuse one. */
  readonly extraObjects?: readonly K8sObject[];
  /**
   * Objects registered under the same provider but NOT through the gate: for proving that the
   * CrossGuard pack, on its own, blocks what the gate would have refused. Never use it to deploy.
   */
  readonly ungatedObjects?: readonly K8sObject[];
}

/** The objects the local program hands to the gate for `options` (before skip-await). */
function localObjects(synthesized: readonly K8sObject[], options: LocalProgramOptions): K8sObject[] {
  return [...(options.crds === false ? [] : vendoredCrds()), ...synthesized, ...(options.extraObjects ?? [])];
}

/**
 * The inline program: `runProgram` with the local stack config (environment, kubeconfig path as a
 * secret) and the local object transform. Returns the stack outputs of `stacks/index.ts`.
 */
export function localProgram(options: LocalProgramOptions): () => Promise<Record<string, unknown>> {
  return async () => {
    const config: StackConfig = {
      stack: pulumi.getStack(),
      environment: localEnvironment(options.env),
      kubeconfig: pulumi.secret(options.kubeconfig),
    };
    let result: ProgramResult;
    try {
      result = runProgram(config, {
        transformObjects: (objects) => {
          const all = localObjects(objects, options);
          const awaited = options.skipAwait === false ? all : withSkipAwait(all);
          return options.forceConflicts ? withPatchForce(awaited) : awaited;
        },
      });
    } catch (error) {
      // An inline program that throws (the gate refusing, an environment that does not
      // synthesize) leaves the SDK's stack-output promises rejected with no handler, and an
      // unhandled rejection ends this Node process (or fails a jest suite). Logging the error
      // fails the preview or update just the same, with the same message.
      if (!(error instanceof Error)) throw error;
      pulumi.log.error(error.message, error instanceof pulumi.ResourceError ? error.resource : undefined);
      return {};
    }
    if (options.ungatedObjects && options.ungatedObjects.length > 0) {
      registerObjects(options.ungatedObjects, { provider: result.provider });
    }
    return { ...result.outputs };
  };
}

/** Where the local stacks keep their state. */
export interface LocalStateDirs {
  /** `file://` backend directory. */
  readonly backend: string;
  /** The workspace (Pulumi.yaml, Pulumi.<stack>.yaml with the passphrase salt). */
  readonly workspace: string;
  /** PULUMI_HOME: plugins (none are downloaded), workspace settings, logs. */
  readonly home: string;
}

/** The state dirs under `base` (default `<cache>/pulumi/state`, or `BULWARK_PULUMI_STATE_DIR`). */
export function localStateDirs(base?: string): LocalStateDirs {
  const root = base ?? process.env.BULWARK_PULUMI_STATE_DIR ?? join(cacheDir(), 'pulumi', 'state');
  const dirs = {
    backend: join(root, 'backend'),
    workspace: join(root, 'workspace'),
    home: join(root, 'home'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

/**
 * The environment of every CLI call: the local backend and passphrase, no update check and no plugin
 * downloads (the plugins are project plugins: `localProjectSettings`), and this Node first on PATH
 * for the policy-pack launcher.
 */
export function localCliEnv(dirs: LocalStateDirs): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${dirs.backend}`,
    PULUMI_CONFIG_PASSPHRASE: LOCAL_PASSPHRASE,
    PULUMI_HOME: dirs.home,
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_DISABLE_REGISTRY_RESOLVE: 'true',
    PULUMI_SKIP_CONFIRMATIONS: 'true',
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(':'),
  };
}

/**
 * The workspace's Pulumi.yaml. The built plugins are declared as project plugins (`plugins:`), which
 * the CLI looks up before anything else, whatever version the SDK asks for: the Kubernetes provider
 * in `<root>/bin`, and the launcher for Node.js policy packs in `tools/pulumi/bin` (see
 * tools/pulumi/README.md). So no plugin is searched on PATH or downloaded.
 */
export function localProjectSettings(root: string, backendUrl: string): ProjectSettings {
  const settings = {
    name: PROJECT,
    runtime: 'nodejs',
    description: 'Bulwark, deployed to the local control plane by stacks/local (inline program)',
    backend: { url: backendUrl },
    // Not in the Automation API's ProjectSettings type, but written to Pulumi.yaml as is.
    plugins: {
      providers: [{ name: 'kubernetes', path: join(root, 'bin') }],
      analyzers: [{ name: 'policy-nodejs', path: join(REPO_ROOT, 'tools', 'pulumi', 'bin') }],
    },
  };
  return settings as ProjectSettings;
}

/** Options of `openLocalStack`. */
export interface OpenLocalStackOptions extends LocalProgramOptions {
  /** The Automation API root (`pulumiRoot()`): `<root>/bin/pulumi`, `<root>/bin/pulumi-resource-kubernetes`. */
  readonly root: string;
  /** The state dirs (`localStateDirs()`). */
  readonly dirs?: LocalStateDirs;
}

/**
 * Creates or selects the local stack named after the environment, in project `bulwark`, with the
 * local program, run by `<root>/bin/pulumi`.
 */
export async function openLocalStack(options: OpenLocalStackOptions): Promise<Stack> {
  const dirs = options.dirs ?? localStateDirs();
  const pulumiCommand = await PulumiCommand.get({ root: options.root });
  const envVars = localCliEnv(dirs);
  return LocalWorkspace.createOrSelectStack(
    { projectName: PROJECT, stackName: options.env, program: localProgram(options) },
    {
      pulumiCommand,
      pulumiHome: dirs.home,
      workDir: dirs.workspace,
      envVars,
      secretsProvider: 'passphrase',
      projectSettings: localProjectSettings(options.root, envVars.PULUMI_BACKEND_URL),
    },
  );
}

/** Preview/up options every local operation uses: the CrossGuard pack and the output sink. */
export function operationOptions(
  onOutput: (text: string) => void,
): Pick<UpOptions & PreviewOptions, 'policyPacks' | 'onOutput' | 'color'> {
  return { policyPacks: [POLICY_PACK], onOutput, color: 'never' };
}
