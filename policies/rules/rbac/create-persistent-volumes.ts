/**
 * Roles do not create PersistentVolumes. A PersistentVolume names its storage directly, so whoever
 * creates one can point it at a hostPath (or any node-side volume source) and claim it from a pod
 * that Pod Security admission would never allow to mount that path itself. A warning, as the
 * catalog grades it: storage provisioners need the grant, and their roles should carry a
 * suppression that says so.
 *
 * Fields: rules[*] granting create on persistentvolumes of the core group (including through `*`).
 * A rule limited by `resourceNames` grants no create at all (the API server cannot match the name
 * of an object that does not exist yet), so it passes.
 */
import { grantFindings, type Permission } from '../../analysis/rbac';
import { defineRule } from '../../rule';

/** The grants this rule reports; the admission guard (policies/admission/rbac.ts) checks the same list. */
export const CREATE_PERSISTENT_VOLUMES_GRANTS: readonly Permission[] = [
  { apiGroup: '', resources: ['persistentvolumes'], verbs: ['create'] },
];

export const createPersistentVolumes = defineRule({
  id: 'rbac.create-persistent-volumes',
  title: 'Roles do not create persistent volumes',
  pack: 'rbac',
  severity: 'warning',
  frameworks: ['cis:5.1.9', 'nsa:authentication-authorization', 'kbp:RBAC-012'],
  kinds: ['ClusterRole', 'Role'],
  description:
    'A PersistentVolume can name a hostPath on the node, so creating one lets the holder mount node directories into a pod through a claim and escape the container.',
  remediation:
    'Remove create on persistentvolumes and provision storage through StorageClasses and PersistentVolumeClaims, or suppress with the reason this subject is a storage provisioner.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
  ],
  check(target) {
    return grantFindings(target.object, CREATE_PERSISTENT_VOLUMES_GRANTS, { unlessResourceNames: true });
  },
});
