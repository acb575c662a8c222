/**
 * The Pulumi binaries built from source (tools/pulumi/lib.sh) and the npm SDKs the stacks program
 * uses must be the same versions: the SDK asks the engine for its provider version, and a mismatch
 * means the local loop tests a different provider than the one users get from the SDK pin.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const libSh = readFileSync(join(ROOT, 'tools', 'pulumi', 'lib.sh'), 'utf8');

/** The value of `NAME=value` in lib.sh (unquoted, up to a space or comment). */
function shellVar(name: string): string {
  const match = new RegExp(`^${name}=([^\\s#]+)`, 'm').exec(libSh);
  if (!match) throw new Error(`tools/pulumi/lib.sh sets no ${name}`);
  return match[1];
}

/** Bulwark's own pin of `name` (the Pulumi SDKs are dev dependencies; consumers get peer ranges). */
function pinOf(name: string): string {
  const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  if (version === undefined) throw new Error(`package.json pins no ${name}`);
  return version;
}

function installed(name: string): { version: string; pulumi?: { version?: string } } {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [ROOT] }), 'utf8'));
}

describe('Pulumi version pins', () => {
  it('pins @pulumi/kubernetes exactly to the provider version tools/pulumi builds', () => {
    const provider = shellVar('K8S_PROVIDER_VERSION');
    expect(provider).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pinOf('@pulumi/kubernetes')).toBe(provider);
    // The SDK requests the plugin version in its own package.json; that is what the engine checks.
    const sdk = installed('@pulumi/kubernetes');
    expect(sdk.version).toBe(provider);
    expect(sdk.pulumi?.version).toBe(provider);
  });

  it('pins @pulumi/pulumi exactly to the CLI version tools/pulumi builds', () => {
    const cli = shellVar('PULUMI_VERSION');
    expect(cli).toBe(`v${pinOf('@pulumi/pulumi')}`);
    expect(installed('@pulumi/pulumi').version).toBe(pinOf('@pulumi/pulumi'));
  });

  it('lets consumers use the pinned SDKs: the peer ranges start at the pins', () => {
    for (const name of ['@pulumi/kubernetes', '@pulumi/pulumi']) {
      expect(pkg.peerDependencies[name]).toBe(`^${pinOf(name)}`);
    }
  });
});
