/**
 * `offside backtest --on-aws` (tools/cli/backtest.ts, ./backtest-aws.ts) up to AWS: the run is
 * written to a real S3 API (fauxqs's, started by the test setup) and read back from it, and the
 * Step Functions calls (StartExecution per side, DescribeExecution until it ends) go over HTTP to
 * a stand-in for the Step Functions API in this file. No emulator runs Distributed Maps, so the
 * stand-in is honest about what it is: on StartExecution it carries out the backtest state
 * machine's states in the construct's order (Partition, a child per item of the manifest it reads
 * from S3, Regroup, the second pass when there is one, Merge) by calling the Lambda function's own
 * handler (functions/backtest-step/make-handler.ts) on the S3 store. The deployed ASL is checked by
 * test/infra/stacks.test.ts, not here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { S3RunStore } from '../../shared/adapters/s3/replay-run-store';
import { DETECTION_CONFIG, SIGNAL_IDS } from '../../shared/domain/detection/config';
import type { DetectionConfig } from '../../shared/domain/detection/config';
import { makeHandler } from '../../functions/backtest-step/make-handler';
import { backtestFile } from '../../tools/cli/backtest';
import { CONSUMER_HANDLERS } from '../../tools/local/consumers';
import { EMULATOR_CREDENTIALS } from '../../tools/local/emulators';

const root = join(import.meta.dirname, '../..');
const demo = join(root, 'events/demo/marketplace.jsonl');
const STATE_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:Offside-dev-Backtest';
const bucket = `offside-backtest-test-${Date.now()}`;

interface Call {
  readonly target: string;
  readonly body: Record<string, unknown>;
}
const calls: Call[] = [];
const executions = new Map<string, { status: string; error?: string; cause?: string }>();
let failNext = false;
let s3: S3Client;
let sfn: SFNClient;
let server: ReturnType<typeof createServer>;
let candidate = '';

function capture() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream: out, text: () => chunks.join('') };
}

/** The state machine's states, in the construct's order, on the function's own handler. */
async function runStateMachine(job: string): Promise<void> {
  const store = new S3RunStore(s3, bucket);
  const step = makeHandler(store, { handlers: CONSUMER_HANDLERS });
  const map = async (manifest: string) => {
    // The ItemReader: the manifest's items, one child each (here all at once).
    const items = JSON.parse((await store.read(manifest)) ?? 'null') as unknown[];
    await Promise.all(items.map((item) => step({ action: 'run-partition', item })));
  };
  const first = (await step({ action: 'partition', job })) as { manifest: string };
  await map(first.manifest);
  const second = (await step({ action: 'regroup', job })) as { manifest: string; partitions: number };
  if (second.partitions > 0) await map(second.manifest);
  await step({ action: 'merge', job });
}

beforeAll(async () => {
  const { sqsEndpoint, region } = inject('emulators');
  s3 = new S3Client({ region, credentials: { ...EMULATOR_CREDENTIALS }, endpoint: sqsEndpoint, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./u, '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ target, body });
      const reply = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(value));
      };
      if (target === 'StartExecution') {
        const executionArn = `${String(body['stateMachineArn']).replace(':stateMachine:', ':execution:')}:${String(body['name'])}`;
        const { job } = JSON.parse(String(body['input'])) as { job: string };
        executions.set(executionArn, { status: 'RUNNING' });
        const fail = failNext;
        failNext = false;
        (fail ? Promise.reject(new Error('a partition child failed')) : runStateMachine(job)).then(
          () => executions.set(executionArn, { status: 'SUCCEEDED' }),
          (error: unknown) => executions.set(executionArn, { status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: String(error) }),
        );
        reply(200, { executionArn, startDate: Date.now() / 1000 });
      } else if (target === 'DescribeExecution') {
        const execution = executions.get(String(body['executionArn']));
        if (!execution) reply(400, { __type: 'ExecutionDoesNotExist', message: 'no such execution' });
        else reply(200, { executionArn: body['executionArn'], stateMachineArn: STATE_MACHINE, startDate: Date.now() / 1000, ...execution });
      } else reply(400, { __type: 'UnknownOperationException', message: target });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sfn = new SFNClient({ region, credentials: { ...EMULATOR_CREDENTIALS }, endpoint: `http://127.0.0.1:${port}` });

  const off: DetectionConfig = { ...DETECTION_CONFIG, version: 2, signals: structuredClone(DETECTION_CONFIG.signals) };
  for (const id of SIGNAL_IDS) off.signals[id].enabled = false;
  candidate = join(mkdtempSync(join(tmpdir(), 'offside-backtest-aws-')), 'off.json');
  writeFileSync(candidate, JSON.stringify(off));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  s3.destroy();
  sfn.destroy();
});

describe('offside backtest --on-aws', () => {
  it('writes the run to the bucket, starts one execution per side, and prints what the local backtest prints', async () => {
    const local = capture();
    expect(await backtestFile(demo, { candidate, approvals: 'approve-all', json: true }, { stdout: local.stream, stderr: new PassThrough() })).toBe(0);

    const out = capture();
    const err = capture();
    const options = { candidate, approvals: 'approve-all' as const, json: true, onAws: true, bucket, stateMachine: STATE_MACHINE, partitions: 2 };
    expect(await backtestFile(demo, options, { stdout: out.stream, stderr: err.stream }, { s3, sfn, pollMillis: 50 })).toBe(0);
    expect(JSON.parse(out.text())).toEqual(JSON.parse(local.text()));
    expect((JSON.parse(out.text()) as { changed: unknown[] }).changed.length).toBeGreaterThan(0);

    const starts = calls.filter((call) => call.target === 'StartExecution');
    expect(starts).toHaveLength(2);
    const jobs = starts.map((call) => (JSON.parse(String(call.body['input'])) as { job: string }).job).sort();
    for (const call of starts) expect(call.body['stateMachineArn']).toBe(STATE_MACHINE);
    expect(jobs[0]).toMatch(/^runs\/[\w-]+\/baseline$/u);
    expect(jobs[1]).toBe(jobs[0]?.replace(/baseline$/u, 'candidate'));
    expect(calls.some((call) => call.target === 'DescribeExecution')).toBe(true);
    // The run is in the bucket: the job, both passes' manifests, the merged report.
    const job = jobs[0] ?? '';
    const spec = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${job}/job.json` }))).Body!.transformToString()) as { partitions: number; approvals: string };
    expect(spec).toMatchObject({ partitions: 2, approvals: 'approve-all' });
    const report = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${job}/replay.json` }))).Body!.transformToString();
    expect(JSON.parse(report)).toHaveProperty('sellers');
    expect(err.text()).toContain(`run s3://${bucket}/runs/`);
  }, 300_000);

  it('exits 2 naming the failed execution and its error', async () => {
    failNext = true;
    const err = capture();
    const code = await backtestFile(demo, { candidate, approvals: 'none', onAws: true, bucket, stateMachine: STATE_MACHINE, partitions: 2 }, { stdout: new PassThrough(), stderr: err.stream }, { s3, sfn, pollMillis: 50 });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/FAILED: States\.ExceedToleratedFailureThreshold/u);
  }, 300_000);

  it('refuses --on-aws without the bucket or the state machine (exit 2), before writing anything', async () => {
    const before = calls.length;
    const err = capture();
    expect(await backtestFile(demo, { candidate, approvals: 'none', onAws: true, stateMachine: STATE_MACHINE }, { stdout: new PassThrough(), stderr: err.stream }, { s3, sfn })).toBe(2);
    expect(err.text()).toContain('--on-aws needs --bucket and --state-machine');
    expect(calls.length).toBe(before);
  });
});
