/**
 * The Bulwark CrossGuard policy pack: `pulumi preview --policy-pack policies/crossguard`.
 * The only place that constructs the `PolicyPack` (its constructor starts the policy server), so
 * tests import `./policies` and never this file.
 */
import { PolicyPack } from '@pulumi/policy';
import { bulwarkPolicies } from './policies';

new PolicyPack('bulwark', {
  description:
    "Bulwark's rules (Pod Security Standards, workload, network, RBAC, secrets, services) over Kubernetes resources: errors are mandatory, warnings and infos advisory.",
  policies: bulwarkPolicies(),
});
