import {
  DASHBOARD_IMAGE_PATTERN,
  defaultPullPolicy,
  DEPRECATED_REGISTRY_PATTERN,
  deprecatedKubernetesRegistry,
  parseImage,
  TILLER_IMAGE_PATTERN,
} from '../../../policies/analysis/images';

const DIGEST = '@sha256:' + 'a'.repeat(64);

describe('parseImage', () => {
  test.each([
    ['nginx', { repository: 'nginx', pinned: false }],
    ['nginx:1.25', { repository: 'nginx', tag: '1.25', pinned: false }],
    [
      'registry.example.com:5000/shop/app',
      { registry: 'registry.example.com:5000', repository: 'shop/app', pinned: false },
    ],
    [
      'registry.example.com:5000/shop/app:2.0',
      { registry: 'registry.example.com:5000', repository: 'shop/app', tag: '2.0', pinned: false },
    ],
    [`app:1.0${DIGEST}`, { repository: 'app', tag: '1.0', pinned: true }],
    [
      `registry.example.com:5000/app${DIGEST}`,
      { registry: 'registry.example.com:5000', repository: 'app', pinned: true },
    ],
    ['app@sha256:short', { repository: 'app', pinned: false }],
    // The first component is a registry only with a '.', a ':', upper case, or as 'localhost'.
    ['library/nginx:1.27', { repository: 'library/nginx', tag: '1.27', pinned: false }],
    ['localhost/app', { registry: 'localhost', repository: 'app', pinned: false }],
    ['Registry/app', { registry: 'Registry', repository: 'app', pinned: false }],
    [
      'mirror.example.com/k8s.gcr.io/pause:3.9',
      { registry: 'mirror.example.com', repository: 'k8s.gcr.io/pause', tag: '3.9', pinned: false },
    ],
  ])('%s', (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });
});

describe('defaultPullPolicy', () => {
  test.each([
    ['app', 'Always'],
    ['app:latest', 'Always'],
    ['app:1.0', 'IfNotPresent'],
    ['registry:5000/app', 'Always'],
  ])('%s -> %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

/** Each image, what deprecatedKubernetesRegistry says, and the pattern must agree. */
const REGISTRY_CASES: [string, string | undefined][] = [
  ['k8s.gcr.io/pause:3.2', 'k8s.gcr.io'],
  ['K8S.GCR.IO/pause', 'k8s.gcr.io'],
  ['k8s.gcr.io:443/ingress-nginx/controller:v1.1.1', 'k8s.gcr.io'],
  [`k8s.gcr.io/pause${DIGEST}`, 'k8s.gcr.io'],
  ['eu.gcr.io/k8s-artifacts-prod/autoscaling/cluster-autoscaler:v1.21.3', 'eu.gcr.io/k8s-artifacts-prod'],
  ['US.gcr.io/k8s-artifacts-prod/pause:3.2', 'us.gcr.io/k8s-artifacts-prod'],
  ['asia.gcr.io/k8s-artifacts-prod/pause', 'asia.gcr.io/k8s-artifacts-prod'],
  ['registry.k8s.io/pause:3.9', undefined],
  ['k8s.gcr.io', undefined],
  ['k8s.gcr.io:3.2', undefined],
  ['k8s.gcr.ion/pause', undefined],
  ['xk8s.gcr.io/pause', undefined],
  ['mirror.example.com/k8s.gcr.io/pause:3.9', undefined],
  ['eu.gcr.io/acme/app:1', undefined],
  ['eu.gcr.io/k8s-artifacts-prod-mirror/app', undefined],
  ['eu.gcr.io/k8s-artifacts-prod', undefined],
  ['gcr.io/k8s-artifacts-prod/pause', undefined],
  [`k8s.gcr.io${DIGEST}/x`, undefined],
];

describe('deprecatedKubernetesRegistry and DEPRECATED_REGISTRY_PATTERN', () => {
  const pattern = new RegExp(DEPRECATED_REGISTRY_PATTERN);
  test.each(REGISTRY_CASES)('%s -> %s', (image, registry) => {
    expect(deprecatedKubernetesRegistry(image)).toBe(registry);
    expect(pattern.test(image)).toBe(registry !== undefined);
  });
});

describe('DASHBOARD_IMAGE_PATTERN', () => {
  const pattern = new RegExp(DASHBOARD_IMAGE_PATTERN);
  test.each([
    ['kubernetesui/dashboard:v2.7.0', true],
    ['docker.io/kubernetesui/dashboard-web:1.4.0', true],
    ['mirror.example.com/kubernetesui/metrics-scraper@sha256:abc', true],
    ['k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1', true],
    ['acme/kubernetesui:1', true],
    ['grafana/grafana:kubernetes-dashboard-11', false],
    ['ghcr.io/acme/kubernetesuitools:1.0', false],
    ['acme/ui@sha256:kubernetes-dashboard', false],
  ])('%s -> %s', (image, expected) => {
    expect(pattern.test(image)).toBe(expected);
  });
});

describe('TILLER_IMAGE_PATTERN', () => {
  const pattern = new RegExp(TILLER_IMAGE_PATTERN);
  test.each([
    ['gcr.io/kubernetes-helm/tiller:v2.16.12', true],
    ['ghcr.io/helm/tiller:v2.17.0', true],
    ['tiller', true],
    ['registry.example.com:5000/tiller', true],
    [`mirror.example.com/helm/tiller:v2.16.1${DIGEST}`, true],
    ['registry.example.com/ops/tiller-exporter:1.0', false],
    ['tiller:5000/helm', false],
    ['acme/tillerless:1', false],
  ])('%s -> %s', (image, expected) => {
    expect(pattern.test(image)).toBe(expected);
  });
});
