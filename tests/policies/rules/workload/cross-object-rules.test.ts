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
import { cronjobDeadline } from '../../../../policies/rules/workload/cronjob-deadline';
import { jobTtl } from '../../../../policies/rules/workload/job-ttl';
import { serviceAccountMissing } from '../../../../policies/rules/workload/service-account-missing';
import { statefulsetServiceName } from '../../../../policies/rules/workload/statefulset-service-name';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n';
const account = (name: string, namespace = 'shop') =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${namespace}}\n---\n`;

describe('workload.service-account-missing: Pods run as a ServiceAccount that exists', () => {
  const cronJob = (podSpec: string) => `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
${podSpec}
          containers: [{name: report, image: report:1.0}]
`;

  test('fail: serviceAccountName, on its path in the job template', () => {
    expect(run(serviceAccountMissing, NAMESPACE + cronJob('          serviceAccountName: reporter'))).toEqual(
      [
        {
          path: 'spec.jobTemplate.spec.template.spec.serviceAccountName',
          message: 'service account "reporter" is not declared in namespace "shop"',
        },
      ],
    );
  });

  test('fail: the deprecated serviceAccount field, on its own path', () => {
    expect(run(serviceAccountMissing, NAMESPACE + cronJob('          serviceAccount: reporter'))).toEqual([
      {
        path: 'spec.jobTemplate.spec.template.spec.serviceAccount',
        message: 'service account "reporter" is not declared in namespace "shop"',
      },
    ]);
  });

  test.each([
    [
      'the account is declared',
      NAMESPACE + account('reporter') + cronJob('          serviceAccountName: reporter'),
    ],
    ['no account named (default)', NAMESPACE + cronJob('')],
    ['default named explicitly', NAMESPACE + cronJob('          serviceAccountName: default')],
    [
      'the namespace is not in the input',
      account('other') + cronJob('          serviceAccountName: reporter'),
    ],
  ])('pass: %s', (_name, text) => {
    expect(run(serviceAccountMissing, text)).toEqual([]);
  });
});

describe('workload.statefulset-service-name: StatefulSets name a headless Service that selects their pods', () => {
  const sts = (serviceName?: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
${serviceName === undefined ? '' : `  serviceName: ${serviceName}\n`}  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db, tier: data}}
    spec:
      containers: [{name: db, image: db:1.0}]
`;
  const service = (name: string, spec: string) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}\n---\n`;
  const at = (message: string) => [{ path: 'spec.serviceName', message }];

  test('fail: no serviceName, judged without any other object', () => {
    expect(run(statefulsetServiceName, sts())).toEqual(at('statefulset "db" names no governing Service'));
    expect(run(statefulsetServiceName, sts('""'))).toEqual(at('statefulset "db" names no governing Service'));
  });

  test('fail: the Service is missing where the input declares the namespace or holds its Services', () => {
    const missing = at('statefulset "db" names Service "db", which is not in namespace "shop"');
    expect(run(statefulsetServiceName, NAMESPACE + sts('db'))).toEqual(missing);
    expect(run(statefulsetServiceName, service('web', '{selector: {app: web}}') + sts('db'))).toEqual(
      missing,
    );
  });

  test('fail: not headless, or headless without a selector for the pods', () => {
    expect(run(statefulsetServiceName, service('db', '{selector: {app: db}}') + sts('db'))).toEqual(
      at('statefulset "db" names Service "db", which is not headless (clusterIP: None)'),
    );
    const unselected = at('statefulset "db" names Service "db", which does not select its pods');
    expect(run(statefulsetServiceName, service('db', '{clusterIP: None}') + sts('db'))).toEqual(unselected);
    expect(
      run(
        statefulsetServiceName,
        service('db', '{clusterIP: None, selector: {app: db, tier: cache}}') + sts('db'),
      ),
    ).toEqual(unselected);
  });

  test('pass: a headless Service selecting the pods, or nothing of the namespace in the input', () => {
    expect(
      run(statefulsetServiceName, service('db', '{clusterIP: None, selector: {app: db}}') + sts('db')),
    ).toEqual([]);
    expect(run(statefulsetServiceName, sts('db'))).toEqual([]);
  });
});

describe('workload.job-ttl and workload.cronjob-deadline', () => {
  test('fail: the missing field, on its path', () => {
    expect(
      run(
        jobTtl,
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: m, namespace: shop}\nspec: {template: {}}\n',
      ),
    ).toEqual([
      {
        path: 'spec.ttlSecondsAfterFinished',
        message: 'job "m" sets no ttlSecondsAfterFinished, so it and its pods stay after it finishes',
      },
    ]);
    expect(
      run(
        cronjobDeadline,
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec: {schedule: "@daily"}\n',
      ),
    ).toEqual([
      {
        path: 'spec.startingDeadlineSeconds',
        message: 'cron job "c" sets no startingDeadlineSeconds, so a missed run starts however late it is',
      },
    ]);
  });

  test('pass: the field set (0 is a value), or a Job its owner cleans up', () => {
    expect(
      run(
        jobTtl,
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: m}\nspec: {ttlSecondsAfterFinished: 0}\n',
      ),
    ).toEqual([]);
    expect(
      run(
        jobTtl,
        'apiVersion: batch/v1\nkind: Job\nmetadata: {name: m, ownerReferences: [{kind: CronJob, name: c}]}\nspec: {}\n',
      ),
    ).toEqual([]);
    expect(
      run(
        cronjobDeadline,
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {startingDeadlineSeconds: 600}\n',
      ),
    ).toEqual([]);
  });
});
