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
import { instanceMetadataEgress } from '../../../../policies/rules/network/instance-metadata-egress';
import { sshPort } from '../../../../policies/rules/network/ssh-port';

describe('network.ssh-port: Containers and Services do not expose SSH', () => {
  test('fail: init, regular and ephemeral containers, each on its port path', () => {
    const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: keys, image: k:1, ports: [{containerPort: 2222}]}]
  containers: [{name: app, image: a:1, ports: [{containerPort: 8080}, {containerPort: 22, protocol: TCP}]}]
  ephemeralContainers: [{name: debug, image: d:1, ports: [{containerPort: 22}]}]
`;
    expect(run(sshPort, pod)).toEqual([
      {
        path: 'spec.containers[0].ports[1].containerPort',
        message: 'container "app" exposes port 22, an SSH port',
      },
      {
        path: 'spec.ephemeralContainers[0].ports[0].containerPort',
        message: 'container "debug" exposes port 22, an SSH port',
      },
      {
        path: 'spec.initContainers[0].ports[0].containerPort',
        message: 'container "keys" exposes port 2222, an SSH port',
      },
    ]);
  });

  test('fail: a Service port, else its numeric targetPort, once per port entry', () => {
    const service = `
apiVersion: v1
kind: Service
metadata: {name: git}
spec:
  ports:
    - {port: 22, targetPort: 2222}
    - {port: 8022, targetPort: 22}
    - {port: 443, targetPort: https}
`;
    expect(run(sshPort, service)).toEqual([
      { path: 'spec.ports[0].port', message: 'service "git" exposes port 22, an SSH port' },
      {
        path: 'spec.ports[1].targetPort',
        message: 'service "git" forwards port 8022 to port 22, an SSH port',
      },
    ]);
  });

  test('pass: UDP and SCTP on the same numbers', () => {
    const service = `
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 22, protocol: UDP}, {port: 2222, targetPort: 22, protocol: SCTP}]
`;
    expect(run(sshPort, service)).toEqual([]);
  });
});

describe('network.instance-metadata-egress: NetworkPolicies do not allow egress to the instance metadata service', () => {
  const policy = (egress: string, policyTypes = '[Egress]') => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: ${policyTypes}
  egress:
${egress}
`;
  const finding = (path: string, cidr: string, address = '169.254.169.254') => ({
    path,
    message: `ipBlock "${cidr}" allows egress to the instance metadata address ${address}, which no except entry covers`,
  });

  test('fail: each peer whose CIDR holds the address, per family', () => {
    const text = policy(`    - to:
        - podSelector: {matchLabels: {app: db}}
        - ipBlock: {cidr: 128.0.0.0/1, except: [169.254.169.0/25]}
        - ipBlock: {cidr: "fd00::/8", except: ["fd00:ec2::/64"]}
        - ipBlock: {cidr: "fd00::/8", except: ["fd00:ec2::254/127"]}
        - ipBlock: {cidr: "169.254.169.254/32"}`);
    expect(run(instanceMetadataEgress, text)).toEqual([
      finding('spec.egress[0].to[1].ipBlock.cidr', '128.0.0.0/1'),
      finding('spec.egress[0].to[4].ipBlock.cidr', '169.254.169.254/32'),
    ]);
  });

  test('fail: a rule whose ports admit TCP 80 (no port, a range, or the protocol alone)', () => {
    const text = policy(`    - to: [{ipBlock: {cidr: 169.254.0.0/16}}]
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 79, endPort: 81}]
    - to: [{ipBlock: {cidr: "::/0", except: ["2001:db8::/32"]}}]
      ports: [{protocol: TCP}]`);
    expect(run(instanceMetadataEgress, text)).toEqual([
      finding('spec.egress[0].to[0].ipBlock.cidr', '169.254.0.0/16'),
      finding('spec.egress[1].to[0].ipBlock.cidr', '::/0', 'fd00:ec2::254'),
    ]);
  });

  test.each([
    [
      'ports that leave 80 out',
      '    - to: [{ipBlock: {cidr: 169.254.0.0/16}}]\n      ports: [{port: 443}, {port: 81, endPort: 8080}, {port: http}, {protocol: UDP}]',
    ],
    [
      'an except that covers the address',
      '    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.0.0/16]}}]',
    ],
    ['a CIDR beside the address', '    - to: [{ipBlock: {cidr: 169.254.170.0/24}}]'],
    ['a malformed CIDR', '    - to: [{ipBlock: {cidr: 169.254.169.254}}]'],
    [
      'every destination (network.allow-all-peers reports it)',
      '    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n    - ports: [{port: 80}]',
    ],
  ])('pass: %s', (_name, egress) => {
    expect(run(instanceMetadataEgress, policy(egress))).toEqual([]);
  });

  test('pass: egress rules of a policy that does not isolate egress are ignored', () => {
    expect(
      run(instanceMetadataEgress, policy('    - to: [{ipBlock: {cidr: 169.254.0.0/16}}]', '[Ingress]')),
    ).toEqual([]);
  });
});
