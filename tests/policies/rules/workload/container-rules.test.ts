import { parseAllDocuments } from 'yaml';
import { evaluate } from '../../../../policies/engine';
import type { Rule } from '../../../../policies/rule';
import type { K8sObject } from '../../../../policies/types';

function run(rule: Rule, text: string): { path: string; message: string }[] {
  const objects = parseAllDocuments(text).map((d) => ({
    object: d.toJS() as K8sObject,
    file: 't.yaml',
    line: 1,
  }));
  return evaluate(objects, { rules: [rule] }).findings.map((f) => ({ path: f.path, message: f.message }));
}
import { highUidGid } from '../../../../policies/rules/workload/high-uid-gid';
import { imageDigest } from '../../../../policies/rules/workload/image-digest';
import { memoryLimit } from '../../../../policies/rules/workload/memory-limit';
import { readOnlyRootFilesystem } from '../../../../policies/rules/workload/read-only-root-filesystem';
import { rootGroup } from '../../../../policies/rules/workload/root-group';

/** A CronJob whose pod has one init, one regular and one ephemeral container, none hardened. */
const cronJob = (podSecurity = '{}') => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: ${podSecurity}
          initContainers: [{name: init, image: "app:1.0"}]
          containers: [{name: main, image: "app:1.0"}]
          ephemeralContainers: [{name: debug, image: "busybox:1.36"}]
`;
const base = 'spec.jobTemplate.spec.template.spec';

describe('container rules visit init, regular and ephemeral containers', () => {
  test('workload.read-only-root-filesystem', () => {
    expect(run(readOnlyRootFilesystem, cronJob())).toEqual(
      ['initContainers[0]:init', 'containers[0]:main', 'ephemeralContainers[0]:debug']
        .map((s) => s.split(':'))
        .map(([p, n]) => ({
          path: `${base}.${p}.securityContext.readOnlyRootFilesystem`,
          message: `container "${n}" does not set readOnlyRootFilesystem to true`,
        }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
    );
  });

  test('workload.image-digest', () => {
    expect(run(imageDigest, cronJob()).map((f) => f.path)).toEqual([
      `${base}.containers[0].image`,
      `${base}.ephemeralContainers[0].image`,
      `${base}.initContainers[0].image`,
    ]);
  });

  test('workload.memory-limit skips ephemeral containers, which may not set resources', () => {
    expect(run(memoryLimit, cronJob())).toEqual([
      {
        path: `${base}.containers[0].resources.limits.memory`,
        message: 'container "main" has no memory limit',
      },
      {
        path: `${base}.initContainers[0].resources.limits.memory`,
        message: 'container "init" has no memory limit',
      },
    ]);
  });
});

describe('workload.high-uid-gid: Containers run as UID and GID 10000 or higher', () => {
  test('fail: a low pod-level value is reported once, at the pod, naming the containers that inherit it', () => {
    const text = cronJob('{runAsUser: 1000, runAsGroup: 10001}').replace(
      '[{name: main, image: "app:1.0"}]',
      '[{name: main, image: "app:1.0", securityContext: {runAsUser: 10005}}]',
    );
    expect(run(highUidGid, text)).toEqual([
      {
        path: `${base}.securityContext.runAsUser`,
        message: 'pod sets runAsUser 1000, below 10000, for containers "init", "debug"',
      },
    ]);
  });

  test('fail: a container value below the threshold, and an unset group', () => {
    const text = cronJob('{runAsUser: 10001}').replace(
      '[{name: main, image: "app:1.0"}]',
      '[{name: main, image: "app:1.0", securityContext: {runAsUser: 999, runAsGroup: 10001}}]',
    );
    expect(run(highUidGid, text)).toEqual([
      {
        path: `${base}.containers[0].securityContext.runAsUser`,
        message: 'container "main" sets runAsUser 999, below 10000',
      },
      {
        path: `${base}.ephemeralContainers[0].securityContext.runAsGroup`,
        message: 'container "debug" sets no runAsGroup and the pod sets none either',
      },
      {
        path: `${base}.initContainers[0].securityContext.runAsGroup`,
        message: 'container "init" sets no runAsGroup and the pod sets none either',
      },
    ]);
  });

  test('pass: windows pods and user-namespaced pods are skipped', () => {
    expect(run(highUidGid, cronJob().replace('securityContext: {}', 'os: {name: windows}'))).toEqual([]);
    expect(run(highUidGid, cronJob().replace('securityContext: {}', 'hostUsers: false'))).toEqual([]);
  });
});

describe('workload.root-group: Pods do not run with the root group', () => {
  test('fail: every place group 0 can appear', () => {
    const text = cronJob('{runAsGroup: 0, fsGroup: 0, supplementalGroups: [10001, 0]}').replace(
      '[{name: main, image: "app:1.0"}]',
      '[{name: main, image: "app:1.0", securityContext: {runAsGroup: 0}}]',
    );
    expect(run(rootGroup, text)).toEqual([
      {
        path: `${base}.containers[0].securityContext.runAsGroup`,
        message: 'container "main" sets runAsGroup 0',
      },
      { path: `${base}.securityContext.fsGroup`, message: 'pod sets fsGroup 0' },
      { path: `${base}.securityContext.runAsGroup`, message: 'pod sets runAsGroup 0' },
      {
        path: `${base}.securityContext.supplementalGroups[1]`,
        message: 'pod lists group 0 in supplementalGroups',
      },
    ]);
  });
});
