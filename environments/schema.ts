/**
 * The typed, validated settings of an environment. Everything that differs between dev, staging
 * and prod lives here; the blueprint reads nothing else.
 */
import { z } from 'zod';

const quantity = z
  .string()
  .regex(
    /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
    "must be a Kubernetes quantity such as '250m' or '128Mi'",
  );
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label')
  .max(63);
const cidr = z
  .string()
  .regex(
    /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/,
    "must be a CIDR such as '203.0.113.0/24'",
  )
  .refine((c) => !c.endsWith('/0'), 'must not be a /0 range: name the networks the apps really call');
const port = z.number().int().min(1).max(65535);

const resourceProfile = z
  .object({
    cpuRequest: quantity,
    cpuLimit: quantity.optional(),
    memoryRequest: quantity,
    memoryLimit: quantity,
    ephemeralStorageRequest: quantity,
    ephemeralStorageLimit: quantity,
  })
  .strict();

/** Schema of an environment's settings. */
export const EnvironmentSchema = z
  .object({
    /** Environment name; also the Pulumi stack name. */
    name: dnsLabel,
    /** Pod Security Standards version pinned on every namespace. */
    pssVersion: z.string().regex(/^v1\.\d{1,2}$/, "must be a version such as 'v1.37'"),
    /** Whether every image must be pinned by digest. */
    requireImageDigests: z.boolean(),
    /** Replicas of Deployments that do not say. */
    defaultReplicas: z.number().int().min(1),
    /** The fewest replicas a Deployment may have. */
    minDeploymentReplicas: z.number().int().min(1),
    /** Named container resource profiles (`small`, `medium`, `large`). */
    resourceProfiles: z
      .object({ small: resourceProfile, medium: resourceProfile, large: resourceProfile })
      .strict(),
    /** Where the ingress controller runs: the only source of traffic from outside the cluster. */
    ingressController: z
      .object({ namespace: dnsLabel, podLabels: z.record(z.string(), z.string()) })
      .strict(),
    /** Where apps with Kubernetes API access reach the API server (the endpoint after Service NAT). */
    kubernetesApi: z.object({ cidr, port }).strict(),
    /** External networks apps may call, by name. */
    egress: z.record(dnsLabel, z.object({ cidr, port }).strict()),
    /** The Vault the secrets come from. */
    vault: z
      .object({
        address: z.url({ protocol: /^https$/ }),
        kvMount: dnsLabel,
        kubernetesAuthMount: z
          .string()
          .regex(/^[a-z0-9][-a-z0-9/]*[a-z0-9]$/, "must be a Vault auth mount path such as 'kubernetes'"),
        /** Whether the Pulumi stack manages the Vault side (policies, roles). */
        manageVault: z.boolean(),
      })
      .strict(),
    /** Default secret refresh interval (e.g. `1h`). */
    secretRefreshInterval: z.string().regex(/^\d+(s|m|h)$/, "must be a duration in s, m or h such as '1h'"),
  })
  .strict()
  .refine((e) => e.minDeploymentReplicas <= e.defaultReplicas, {
    message: 'must be <= defaultReplicas',
    path: ['minDeploymentReplicas'],
  });

/** An environment's validated settings. */
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Error naming the environment file and the offending field. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/**
 * Validates raw settings; `source` names the file for the message, e.g. `environments/prod.ts`.
 * The message names every bad field: `environments/prod.ts: defaultReplicas: Too small: expected number to be >=1`.
 */
export function defineEnvironment(source: string, raw: unknown): Environment {
  const result = EnvironmentSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${source}: ${field}: ${issue.message}`;
  });
  throw new EnvironmentError(lines.join('\n'));
}
