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
import { wildcardRules } from '../../../../policies/rules/rbac/wildcard-rules';
import { secretsRead } from '../../../../policies/rules/rbac/secrets-read';
import { podExec } from '../../../../policies/rules/rbac/pod-exec';

const role = (rules: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
rules:
${rules}
`;

describe('rbac.wildcard-rules: Roles do not use wildcards', () => {
  test('fail: every wildcard of every rule, not just rules[0]', () => {
    const text = role(`
  - {apiGroups: [""], resources: [pods], verbs: [get]}
  - {apiGroups: ["*"], resources: [deployments, "*/scale"], verbs: [get, "*"]}`);
    expect(run(wildcardRules, text)).toEqual([
      { path: 'rules[1].apiGroups[0]', message: 'rules[1] grants every API group ("*")' },
      { path: 'rules[1].resources[1]', message: 'rules[1] grants resources by wildcard ("*/scale")' },
      { path: 'rules[1].verbs[1]', message: 'rules[1] grants every verb ("*")' },
    ]);
  });

  test('pass: explicit verbs, resources and groups; nonResourceURLs rules', () => {
    const text = role(`
  - {apiGroups: [apps], resources: [deployments, deployments/scale], verbs: [get, list, watch]}
  - {nonResourceURLs: [/healthz], verbs: [get]}`);
    expect(run(wildcardRules, text)).toEqual([]);
  });
});

describe('rbac.secrets-read: Roles read only named Secrets', () => {
  test('fail: wildcards count as reading secrets; resourceNames exempt a rule', () => {
    const text = role(`
  - {apiGroups: [""], resources: [secrets], resourceNames: [app], verbs: [get]}
  - {apiGroups: ["*"], resources: ["*"], verbs: [watch, list]}`);
    expect(run(secretsRead, text)).toEqual([
      { path: 'rules[1]', message: 'rules[1] grants "list", "watch" on "secrets" without resourceNames' },
    ]);
  });

  test('pass: secrets in another API group are not core Secrets', () => {
    expect(
      run(secretsRead, role('  - {apiGroups: [example.com], resources: [secrets], verbs: [get]}')),
    ).toEqual([]);
  });
});

describe('rbac.pod-exec: Roles do not grant exec, attach or port-forward into pods', () => {
  test('fail: subresource wildcard pods/* grants exec (get counts: websocket exec)', () => {
    expect(run(podExec, role('  - {apiGroups: [""], resources: ["pods/*"], verbs: [get]}'))).toEqual([
      {
        path: 'rules[0]',
        message: 'rules[0] grants "get" on "pods/exec", "pods/attach", "pods/portforward"',
      },
    ]);
  });

  test('pass: pods/log only', () => {
    expect(
      run(podExec, role('  - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, create]}')),
    ).toEqual([]);
  });
});

import { createPersistentVolumes } from '../../../../policies/rules/rbac/create-persistent-volumes';
import { deleteRights } from '../../../../policies/rules/rbac/delete-rights';
import { auditTrailDeletion } from '../../../../policies/rules/rbac/audit-trail-deletion';
import { statusSubresourceWrite } from '../../../../policies/rules/rbac/status-subresource-write';
import { ephemeralContainers } from '../../../../policies/rules/rbac/ephemeral-containers';

describe('rbac.create-persistent-volumes: Roles do not create persistent volumes', () => {
  test('fail: a full wildcard shows up here too, like the other specific risks', () => {
    expect(
      run(createPersistentVolumes, role('  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}')),
    ).toEqual([{ path: 'rules[0]', message: 'rules[0] grants "create" on "persistentvolumes"' }]);
  });

  test('pass: resourceNames (create never matches a named rule), claims, storage classes', () => {
    const text = role(`
  - {apiGroups: [""], resources: [persistentvolumes], resourceNames: [pv-1], verbs: [create]}
  - {apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create]}
  - {apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [create]}`);
    expect(run(createPersistentVolumes, text)).toEqual([]);
  });
});

describe('rbac.delete-rights: Roles do not delete workloads, Services, Secrets or namespaces', () => {
  test('fail: each rule with the verbs and resources it grants, by API group', () => {
    const text = role(`
  - {apiGroups: ["*"], resources: ["*"], verbs: [deletecollection]}
  - {apiGroups: [batch, apps], resources: [cronjobs, statefulsets, jobs], verbs: ["*"]}`);
    expect(run(deleteRights, text)).toEqual([
      {
        path: 'rules[0]',
        message:
          'rules[0] grants "deletecollection" on "pods", "secrets", "services", "replicationcontrollers", "namespaces", "deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs"',
      },
      {
        path: 'rules[1]',
        message: 'rules[1] grants "delete", "deletecollection" on "statefulsets", "jobs", "cronjobs"',
      },
    ]);
  });

  test('pass: named objects only; workloads in the wrong API group', () => {
    const text = role(`
  - {apiGroups: [""], resources: [pods, secrets], resourceNames: [lock], verbs: [delete]}
  - {apiGroups: [batch], resources: [deployments], verbs: [delete]}`);
    expect(run(deleteRights, text)).toEqual([]);
  });
});

describe('rbac.audit-trail-deletion: Roles do not delete events or pod logs', () => {
  test('fail: events of both API groups; pods/log only for delete', () => {
    const text = role(`
  - {apiGroups: [events.k8s.io], resources: [events], verbs: [deletecollection]}
  - {apiGroups: [""], resources: [events, pods/log], verbs: [delete, deletecollection]}`);
    expect(run(auditTrailDeletion, text)).toEqual([
      { path: 'rules[0]', message: 'rules[0] grants "deletecollection" on "events"' },
      { path: 'rules[1]', message: 'rules[1] grants "delete", "deletecollection" on "events", "pods/log"' },
    ]);
  });

  test('pass: deletecollection on pods/log is not log deletion; named events', () => {
    const text = role(`
  - {apiGroups: [""], resources: [pods/log], verbs: [deletecollection, get]}
  - {apiGroups: [""], resources: [events], resourceNames: [e1], verbs: [delete]}`);
    expect(run(auditTrailDeletion, text)).toEqual([]);
  });
});

describe('rbac.status-subresource-write: Roles do not write the status of services, pods or nodes', () => {
  test('fail: */status and pods/* cover the status subresources', () => {
    const text = role(`
  - {apiGroups: [""], resources: ["pods/*"], verbs: [update]}
  - {apiGroups: [""], resources: ["*/status"], verbs: [patch, get]}`);
    expect(run(statusSubresourceWrite, text)).toEqual([
      { path: 'rules[0]', message: 'rules[0] grants "update" on "pods/status"' },
      {
        path: 'rules[1]',
        message: 'rules[1] grants "patch" on "services/status", "pods/status", "nodes/status"',
      },
    ]);
  });

  test('pass: writing the object itself, or the status of another API group', () => {
    const text = role(`
  - {apiGroups: [""], resources: [services, pods], verbs: [update, patch]}
  - {apiGroups: [apps], resources: ["*/status"], verbs: [patch]}`);
    expect(run(statusSubresourceWrite, text)).toEqual([]);
  });
});

describe('rbac.ephemeral-containers: Roles do not add ephemeral containers to pods', () => {
  test('fail: */ephemeralcontainers, even limited to named pods', () => {
    const text = role(
      '  - {apiGroups: [""], resources: ["*/ephemeralcontainers"], resourceNames: [web-0], verbs: [patch]}',
    );
    expect(run(ephemeralContainers, text)).toEqual([
      { path: 'rules[0]', message: 'rules[0] grants "patch" on "pods/ephemeralcontainers"' },
    ]);
  });

  test('pass: create (kubectl debug needs patch or update) and reads', () => {
    const text = role(
      '  - {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [get, list, create]}',
    );
    expect(run(ephemeralContainers, text)).toEqual([]);
  });
});
