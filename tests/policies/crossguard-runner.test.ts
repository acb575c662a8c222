/**
 * The pack directory runs as `pulumi preview --policy-pack policies/crossguard` would run it: the
 * Pulumi policy runner (`@pulumi/pulumi/cmd/run-policy-pack`, the same entry point the CLI's
 * `pulumi-analyzer-policy` starts) compiles `index.ts` with ts-node and serves the pack over gRPC.
 * The test asks it for its policies and analyzes one resource, the CLI's two calls. No CLI needed.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import {
  AnalyzeRequest,
  EnforcementLevel,
  AnalyzerResourceOptions,
  type AnalyzeResponse,
  type AnalyzerInfo,
} from '@pulumi/pulumi/proto/analyzer_pb';

// google-protobuf ships no types here; only these two messages are needed.
const { Struct } = jest.requireActual('google-protobuf/google/protobuf/struct_pb');
const { Empty } = jest.requireActual('google-protobuf/google/protobuf/empty_pb');

const ROOT = path.resolve(__dirname, '../..');
const PACK = path.join(ROOT, 'policies/crossguard');

/** Starts the pack; resolves with its gRPC port (the runner prints it on stdout). */
function startPack(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const runner = path.join(ROOT, 'node_modules/@pulumi/pulumi/cmd/run-policy-pack');
    const child = spawn(process.execPath, [runner, '127.0.0.1:0', '.'], { cwd: PACK });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /^(\d+)\s*$/m.exec(out);
      if (port) resolve({ child, port: Number(port[1]) });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      reject(new Error(`policy pack exited with ${code} before serving:\n${err}${out}`)),
    );
  });
}

function unary<Req, Res>(
  client: AnalyzerClient,
  method: 'getAnalyzerInfo' | 'analyze',
  request: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const call = client[method] as unknown as (
      r: Req,
      cb: (e: grpc.ServiceError | null, r: Res) => void,
    ) => void;
    call.call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

describe('policies/crossguard as a runnable pack', () => {
  let child: ChildProcess | undefined;
  let client: AnalyzerClient;

  beforeAll(async () => {
    const started = await startPack();
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  }, 120_000);

  afterAll(() => {
    client?.close();
    child?.kill();
  });

  it('serves the bulwark pack with its six policies', async () => {
    const info = await unary<unknown, AnalyzerInfo>(client, 'getAnalyzerInfo', new Empty());
    expect(info.getName()).toBe('bulwark');
    expect(info.getPoliciesList().map((p) => p.getName())).toEqual([
      'bulwark-object-errors',
      'bulwark-object-warnings',
      'bulwark-object-infos',
      'bulwark-stack-errors',
      'bulwark-stack-warnings',
      'bulwark-stack-infos',
    ]);
  });

  it('reports a privileged pod as a mandatory violation', async () => {
    const request = new AnalyzeRequest();
    request.setType('kubernetes:core/v1:Pod');
    request.setName('pod-commerce-debug');
    request.setUrn('urn:pulumi:dev::bulwark::kubernetes:core/v1:Pod::pod-commerce-debug');
    request.setOptions(new AnalyzerResourceOptions());
    request.setProperties(
      Struct.fromJavaScript({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'debug', namespace: 'commerce' },
        spec: {
          containers: [{ name: 'shell', image: 'busybox:1.36', securityContext: { privileged: true } }],
        },
      }),
    );
    const response = await unary<AnalyzeRequest, AnalyzeResponse>(client, 'analyze', request);
    const privileged = response
      .getDiagnosticsList()
      .filter((d) => d.getMessage().includes('[pss.baseline.privileged]'));
    expect(privileged).toHaveLength(1);
    expect(privileged[0].getPolicyname()).toBe('bulwark-object-errors');
    expect(privileged[0].getEnforcementlevel()).toBe(EnforcementLevel.MANDATORY);
  });
});
