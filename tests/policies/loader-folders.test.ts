/**
 * Folder walks read manifests and skip files that hold no Kubernetes object (reports, Vault role
 * bodies, package.json), naming each skipped file; a file named explicitly is always judged.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { InputError } from '../../policies/errors';
import { loadPaths } from '../../policies/loader';

describe('loadPaths over folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bulwark-folder-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n',
    );
    writeFileSync(join(dir, 'compliance.json'), JSON.stringify({ schemaVersion: 1, findings: [] }));
    mkdirSync(join(dir, 'vault'));
    writeFileSync(join(dir, 'vault', 'role.json'), JSON.stringify({ bound_service_account_names: ['a'] }));
    writeFileSync(join(dir, 'values.yaml'), 'replicas: 2\nimage: x\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads the manifests and reports every skipped file', () => {
    const skipped: string[] = [];
    const objects = loadPaths([dir], { onSkip: (file, why) => skipped.push(`${file}: ${why}`) });
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['a']);
    const why = 'not a Kubernetes manifest (no document has apiVersion or kind)';
    expect(skipped).toEqual([
      `${join(dir, 'compliance.json')}: ${why}`,
      `${join(dir, 'values.yaml')}: ${why}`,
      `${join(dir, 'vault', 'role.json')}: ${why}`,
    ]);
  });

  test('a file named explicitly is judged, not skipped', () => {
    expect(() => loadPaths([join(dir, 'compliance.json')])).toThrow(InputError);
  });

  test('a folder file mixing objects and other documents is an error, not skipped', () => {
    writeFileSync(
      join(dir, 'mixed.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\nreplicas: 2\n',
    );
    expect(() => loadPaths([dir])).toThrow(InputError);
  });

  test('a folder file that does not parse is an error, not skipped', () => {
    writeFileSync(join(dir, 'broken.yaml'), 'key: "unterminated\n');
    expect(() => loadPaths([dir])).toThrow(InputError);
  });
});
