/**
 * restrictedVolumes (restricted, v1.0+; overrides hostPathVolumes). Besides hostPath, restricted
 * limits volumes to the core types and to those defined through PersistentVolumes.
 *
 * Fields: spec.volumes[*]. Allowed sources: configMap, csi, downwardAPI, emptyDir, ephemeral, image,
 * persistentVolumeClaim, projected, secret. Upstream added `image` to the 1.0 implementation (1.33),
 * so it is allowed at every version.
 */
import { arr, isObject, obj, str, type Json } from '../../k8s';
import { ALLOWED, forbidden, joinQuote, pluralize, sortedSet } from '../helpers';
import type { CheckResult, PssCheck } from '../types';

/** Volume sources restricted pods may use. */
export const ALLOWED_VOLUME_SOURCES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Every other source of the core VolumeSource, in upstream's switch order (which names the type). */
export const RESTRICTED_VOLUME_SOURCES: readonly string[] = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/** Go's non-nil pointer: the source key is present with an object value. */
function has(volume: Json, source: string): boolean {
  return isObject(volume[source]);
}

function restrictedVolumes1_0(_meta: unknown, podSpec: Json, specPath: string): CheckResult {
  const names: string[] = [];
  const types: string[] = [];
  const paths: string[] = [];
  arr(podSpec.volumes).forEach((raw, i) => {
    const volume = obj(raw);
    if (ALLOWED_VOLUME_SOURCES.some((source) => has(volume, source))) return;
    const type = RESTRICTED_VOLUME_SOURCES.find((source) => has(volume, source));
    // No known source at all: the API server defaults such a volume to emptyDir, which is allowed.
    if (type === undefined) return;
    names.push(str(volume.name) ?? '');
    types.push(type);
    paths.push(`${specPath}.volumes[${i}].${type}`);
  });
  if (names.length === 0) return ALLOWED;
  const unique = sortedSet(types);
  return forbidden(
    'restricted volume types',
    `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', unique.length)} ${joinQuote(unique)}`,
    paths,
  );
}

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [{ minVersion: 'v1.0', check: restrictedVolumes1_0, overrides: ['hostPathVolumes'] }],
};
