/**
 * The pss pack through the engine: rule inventory and metadata, paths inside workload templates,
 * version applicability, overrides, and the Windows and user-namespace relaxations.
 */
import { evaluate } from '../../../../policies/engine';
import { POD_BEARING_KINDS, type Json } from '../../../../policies/k8s';
import { PSS_RULES } from '../../../../policies/rules/pss';
import type { Finding, K8sObject, PssLevel } from '../../../../policies/types';

/** Findings of the pss rules for one object, as `ruleId path message`. */
function run(object: K8sObject, level: PssLevel = 'restricted', version?: string): string[] {
  const report = evaluate([{ object, file: 'test.yaml', line: 1 }], {
    rules: PSS_RULES,
    pss: { level, version },
  });
  return report.findings.map((f: Finding) => `${f.ruleId} ${f.path} ${f.message}`);
}

const pod = (spec: Json, metadata: Json = {}): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec,
});

/** A pod spec that passes restricted at every version. */
const RESTRICTED_SPEC = {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'main',
      image: 'app',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
};

const withContainer = (securityContext: Json, extra: Json = {}): Json => ({
  ...RESTRICTED_SPEC,
  ...extra,
  containers: [
    {
      name: 'main',
      image: 'app',
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        ...securityContext,
      },
    },
  ],
});

describe('inventory', () => {
  test('one rule per upstream check, pss.<level>.<check id>', () => {
    expect(PSS_RULES.map((r) => r.id)).toEqual([
      'pss.baseline.appArmorProfile',
      'pss.baseline.capabilities_baseline',
      'pss.baseline.hostNamespaces',
      'pss.baseline.hostPathVolumes',
      'pss.baseline.hostPorts',
      'pss.baseline.hostProbesAndHostLifecycle',
      'pss.baseline.privileged',
      'pss.baseline.procMount',
      'pss.baseline.seLinuxOptions',
      'pss.baseline.seccompProfile_baseline',
      'pss.baseline.sysctls',
      'pss.baseline.windowsHostProcess',
      'pss.restricted.allowPrivilegeEscalation',
      'pss.restricted.capabilities_restricted',
      'pss.restricted.procMount_restricted',
      'pss.restricted.restrictedVolumes',
      'pss.restricted.runAsNonRoot',
      'pss.restricted.runAsUser',
      'pss.restricted.seccompProfile_restricted',
    ]);
  });
  test.each(PSS_RULES.map((r) => [r.id, r] as const))('%s metadata', (id, rule) => {
    const level = id.split('.')[1];
    expect(rule.pack).toBe('pss');
    expect(rule.severity).toBe('error');
    expect(rule.frameworks[0]).toBe(`pss:${level}`);
    expect(rule.kinds).toEqual(POD_BEARING_KINDS);
    expect(rule.references).toEqual([
      `https://kubernetes.io/docs/concepts/security/pod-security-standards/#${level}`,
    ]);
  });
  test('CIS and NSA mappings where they apply', () => {
    const frameworks = (id: string) => PSS_RULES.find((r) => r.id === id)?.frameworks;
    expect(frameworks('pss.baseline.hostNamespaces')).toEqual([
      'pss:baseline',
      'cis:5.2.3',
      'cis:5.2.4',
      'cis:5.2.5',
      'nsa:pod-security',
    ]);
    expect(frameworks('pss.restricted.allowPrivilegeEscalation')).toEqual([
      'pss:restricted',
      'cis:5.2.6',
      'nsa:pod-security',
    ]);
  });
});

describe('paths and messages', () => {
  test('a restricted pod passes', () => {
    expect(run(pod(RESTRICTED_SPEC))).toEqual([]);
  });
  test('Deployment: the path points into spec.template.spec', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: withContainer({ privileged: true }) } },
    };
    expect(run(deployment)).toEqual([
      'pss.baseline.privileged spec.template.spec.containers[0].securityContext.privileged privileged (container "main" must not set securityContext.privileged=true)',
    ]);
  });
  test('CronJob: the path points into spec.jobTemplate.spec.template.spec', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        jobTemplate: {
          spec: { template: { spec: { ...RESTRICTED_SPEC, containers: [{ name: 'main', image: 'app' }] } } },
        },
      },
    };
    expect(run(cronJob)).toEqual([
      'pss.restricted.allowPrivilegeEscalation spec.jobTemplate.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation allowPrivilegeEscalation != false (container "main" must set securityContext.allowPrivilegeEscalation=false)',
      'pss.restricted.capabilities_restricted spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.drop unrestricted capabilities (container "main" must set securityContext.capabilities.drop=["ALL"])',
    ]);
  });
  test('annotations are read from the pod template metadata', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' } },
          spec: RESTRICTED_SPEC,
        },
      },
    };
    expect(run(deployment, 'baseline')).toEqual([
      'pss.baseline.appArmorProfile spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/main forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/main="unconfined"")',
    ]);
  });
  test('an ephemeral container is visited', () => {
    const spec = {
      ...RESTRICTED_SPEC,
      ephemeralContainers: [
        {
          name: 'debug',
          image: 'busybox',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 0 },
        },
      ],
    };
    expect(run(pod(spec))).toEqual([
      'pss.restricted.runAsUser spec.ephemeralContainers[0].securityContext.runAsUser runAsUser=0 (container "debug" must not set runAsUser=0)',
    ]);
  });
  test('objects without a pod spec are not judged', () => {
    expect(
      run({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { hostNetwork: true } }),
    ).toEqual([]);
  });
});

describe('levels, versions and overrides', () => {
  const capAdd = pod(withContainer({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }));
  test('baseline evaluation runs no restricted rule', () => {
    expect(run(pod({ containers: [{ name: 'main', image: 'app' }] }), 'baseline')).toEqual([]);
  });
  test('restricted from v1.22: capabilities_restricted overrides capabilities_baseline', () => {
    expect(run(capAdd, 'restricted', 'v1.22')).toEqual([
      'pss.restricted.capabilities_restricted spec.containers[0].securityContext.capabilities.add[0] unrestricted capabilities (container "main" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ]);
  });
  test('restricted before v1.22: capabilities_baseline still reports', () => {
    expect(run(capAdd, 'restricted', 'v1.21')).toEqual([
      'pss.baseline.capabilities_baseline spec.containers[0].securityContext.capabilities.add[0] non-default capabilities (container "main" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ]);
  });
  test('baseline at any version keeps capabilities_baseline', () => {
    expect(run(capAdd, 'baseline', 'v1.37')).toHaveLength(1);
  });
  test('a check with no implementation at the version is not applicable', () => {
    const root = pod(withContainer({ runAsUser: 0 }));
    expect(run(root, 'restricted', 'v1.22')).toEqual([]);
    expect(run(root, 'restricted', 'v1.23')).toHaveLength(1);
    const probeHost = pod(withContainer({}, {}));
    (probeHost.spec as { containers: Json[] }).containers[0].livenessProbe = {
      httpGet: { port: 80, host: '169.254.169.254' },
    };
    expect(run(probeHost, 'baseline', 'v1.33')).toEqual([]);
    expect(run(probeHost, 'baseline', 'v1.34')).toEqual([
      'pss.baseline.hostProbesAndHostLifecycle spec.containers[0].livenessProbe.httpGet.host probe or lifecycle host (container "main" uses probe or lifecycle host "169.254.169.254")',
    ]);
  });
  test('latest is v1.37', () => {
    const sysctl = pod({
      ...RESTRICTED_SPEC,
      securityContext: {
        ...RESTRICTED_SPEC.securityContext,
        sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }],
      },
    });
    expect(run(sysctl)).toEqual([]);
    expect(run(sysctl, 'restricted', 'v1.36')).toEqual([
      'pss.baseline.sysctls spec.securityContext.sysctls[0].name forbidden sysctls (net.ipv4.tcp_notsent_lowat)',
    ]);
  });
});

describe('seccomp annotations before v1.19', () => {
  const annotated = pod(
    { containers: [{ name: 'main', image: 'app' }] },
    { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
  );
  test('v1.18 reports the annotation', () => {
    expect(run(annotated, 'baseline', 'v1.18')).toEqual([
      'pss.baseline.seccompProfile_baseline metadata.annotations.seccomp.security.alpha.kubernetes.io/pod seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
    ]);
  });
  test('v1.19 judges the fields instead', () => {
    expect(run(annotated, 'baseline', 'v1.19')).toEqual([]);
  });
});

describe('Windows pods', () => {
  const windows = pod({
    os: { name: 'windows' },
    securityContext: { runAsNonRoot: true },
    containers: [{ name: 'main', image: 'app' }],
  });
  test('are exempt from the Linux-only restricted checks from v1.25', () => {
    expect(run(windows, 'restricted', 'v1.25')).toEqual([]);
  });
  test('are not exempt at v1.24', () => {
    expect(run(windows, 'restricted', 'v1.24').map((f) => f.split(' ')[0])).toEqual([
      'pss.restricted.allowPrivilegeEscalation',
      'pss.restricted.capabilities_restricted',
      'pss.restricted.seccompProfile_restricted',
    ]);
  });
});

describe('user namespaces (hostUsers: false)', () => {
  const userns = pod(
    withContainer({ runAsUser: 0, runAsNonRoot: false, procMount: 'Unmasked' }, { hostUsers: false }),
  );
  test('before v1.35 nothing is relaxed', () => {
    expect(run(userns, 'restricted', 'v1.34').map((f) => f.split(' ')[0])).toEqual([
      'pss.baseline.procMount',
      'pss.restricted.runAsNonRoot',
      'pss.restricted.runAsUser',
    ]);
  });
  test('from v1.35 runAsNonRoot, runAsUser and baseline procMount relax; procMount_restricted does not', () => {
    expect(run(userns, 'restricted', 'v1.35')).toEqual([
      'pss.restricted.procMount_restricted spec.containers[0].securityContext.procMount procMount (container "main" must not set securityContext.procMount to "Unmasked")',
    ]);
    expect(run(userns, 'baseline', 'v1.35')).toEqual([]);
  });
});
