/**
 * `npm run bench` on a small stream: the JSON has every section, the figures are measured (positive,
 * capacity consumed), and each ratio and verdict follows from the numbers reported beside it. No
 * timing thresholds: how fast this machine is says nothing about the code.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

const positive = z.number().positive();
const Rate = z.object({ events: positive, seconds: positive, eventsPerSecond: positive });
const Classify = z.object({
  texts: z.string(),
  messages: positive,
  floorMicrosPerMessage: positive,
  classifyMicrosPerMessage: positive,
  ratio: positive,
  target: z.literal(20),
  pass: z.boolean(),
});
const Hostile = z.object({
  characters: z.literal(20_000),
  texts: z.array(z.object({ name: z.string(), ms: positive })).min(10),
  worstMs: positive,
  worst: z.string(),
  target: z.literal(50),
  pass: z.boolean(),
});
const Bench = z.object({
  version: z.literal(1),
  input: z.object({ events: z.literal(2000), sellers: positive, days: z.literal(120), seed: z.literal(1), path: z.string() }),
  replay: z.object({
    floor: Rate.extend({ valid: positive }),
    replay: Rate.extend({ outcome: z.object({ accepted: positive, duplicates: z.number().int().min(0), rejected: z.literal(0) }) }),
    partitioned: Rate.extend({
      workers: positive,
      outcome: z.object({ accepted: positive, duplicates: z.number().int().min(0), rejected: z.literal(0) }),
      regrouped: z.object({ groups: z.number().int().min(0), sellers: z.number().int().min(0) }),
    }),
    singleProcessRatio: positive,
    replayApproveAll: Rate,
    consumersOnly: Rate,
    ratio: positive,
    target: z.literal(6),
    pass: z.boolean(),
    noticesApproveAll: z.number().int().min(0),
    executionsApproveAll: z.number().int().min(0),
    stateTransitionsApproveAll: z.number().int().min(0),
    retriesApproveAll: z.number().int().min(0),
    stepInvocationsApproveAll: z.number().int().min(0),
    statesEnteredApproveAll: z.record(z.string(), z.number().int().positive()),
    noticesByKindApproveAll: z.record(z.string(), z.number().int().positive()),
  }),
  classifier: z.object({ stream: Classify, corpus: Classify, hostile: Hostile }),
  dynamodb: z.object({
    events: positive,
    sellers: positive,
    invocations: positive,
    receiveRequests: positive,
    deleteRequests: positive,
    handlerSeconds: positive,
    billedSeconds: positive,
    retriedRecords: z.number().int().min(0),
    failedRecords: z.number().int().min(0),
    writeUnitsPerEvent: positive,
    readUnitsPerEvent: positive,
    estimatedWriteUnitsPerEvent: z.number().min(0),
    callsPerEvent: positive,
    writeTarget: z.literal(1.2),
    readTarget: z.literal(1),
    writePass: z.boolean(),
    readPass: z.boolean(),
    breakdown: z.array(
      z.object({ table: z.string(), operation: z.string(), calls: positive, writeUnitsPerEvent: z.number().min(0), readUnitsPerEvent: z.number().min(0) }),
    ),
  }),
  cost: z.object({
    lines: z.array(z.object({ item: z.string(), quantity: z.number().min(0), unit: z.string(), dollars: z.number().min(0) })).length(11),
    totalDollars: positive,
    provisioned: z.array(
      z.object({
        table: z.string(),
        units: z.enum(['write', 'read']),
        unitsPerEvent: z.number().min(0),
        targetUtilization: positive,
        range: z.object({ min: positive, max: positive }),
        provisionedUnitHours: positive,
        consumedUnitHours: z.number().min(0),
        utilization: z.number().min(0).max(1),
        hoursOverCeiling: z.number().int().min(0),
        throttledUnitHours: z.number().min(0),
        throttledShare: z.number().min(0).max(1),
        hours: positive,
        unitHoursPerMillion: positive,
        dollars: positive,
      }),
    ),
    onDemand: z.object({ writeDollars: positive, readDollars: positive, totalDollars: positive }),
    target: z.literal(1),
    pass: z.boolean(),
    memoryMb: positive,
    batchSize: positive,
    sqs: z.object({ sendRequestsPerEvent: positive, receiveRequestsPerEvent: positive, deleteRequestsPerEvent: positive, bytesPerEvent: positive }),
  }),
  memory: z.object({
    steps: z.array(z.object({ events: positive, peakRssBytes: positive, seconds: positive })).length(3),
    ratio: positive,
    eventsRatio: positive,
    target: z.literal(2),
    pass: z.boolean(),
  }),
  console: z.object({
    bundle: z.object({ files: positive, bytes: positive, gzipBytes: positive, target: z.literal(250 * 1024), pass: z.boolean() }),
    load: z.object({ millis: positive, rounds: z.literal(5), target: z.literal(1000), pass: z.boolean() }),
    timeline: z.object({ entries: z.literal(500), drawMillis: positive, rounds: z.literal(5), target: z.literal(300), pass: z.boolean() }),
  }),
  shape: z.object({
    events: positive,
    sellers: positive,
    largestSellerShare: positive,
    topTenSellersShare: positive,
    peakHourRatio: positive,
    hourOfDayRatios: z.array(z.number().min(0)).length(24),
    dayRatios: z.array(positive).min(1),
    queueShares: z.record(z.string(), positive),
    bytesPerEvent: positive,
  }),
  rows: z.array(z.object({ section: z.string(), figure: z.string(), measured: z.string(), target: z.string(), result: z.enum(['pass', 'FAIL', 'info']) })),
});

let bench: z.infer<typeof Bench>;

beforeAll(async () => {
  const { stdout } = await run(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'tools/bench/main.ts', '--events', '2000', '--capacity-events', '200', '--json'],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  bench = Bench.parse(JSON.parse(stdout));
}, 180_000);

describe('npm run bench --json', () => {
  it('replays the whole stream and computes the ratio from the rates it reports', () => {
    const { replay } = bench;
    expect(replay.floor.events).toBe(2000);
    expect(replay.floor.valid).toBe(2000);
    expect(replay.ratio).toBeCloseTo(replay.floor.eventsPerSecond / replay.partitioned.eventsPerSecond, 9);
    expect(replay.singleProcessRatio).toBeCloseTo(replay.floor.eventsPerSecond / replay.replay.eventsPerSecond, 9);
    expect(replay.partitioned.outcome).toEqual(replay.replay.outcome);
    expect(replay.pass).toBe(replay.ratio <= replay.target);
  });

  it('compares the classifier with its floor on the same texts', () => {
    for (const figures of [bench.classifier.stream, bench.classifier.corpus]) {
      expect(figures.ratio).toBeCloseTo(figures.classifyMicrosPerMessage / figures.floorMicrosPerMessage, 9);
      expect(figures.pass).toBe(figures.ratio <= figures.target);
    }
  });

  it('reports the worst hostile text of the maximum size and its verdict', () => {
    const { hostile } = bench.classifier;
    expect(hostile.worstMs).toBe(Math.max(...hostile.texts.map((t) => t.ms)));
    expect(hostile.texts.find((t) => t.ms === hostile.worstMs)?.name).toBe(hostile.worst);
    expect(hostile.pass).toBe(hostile.worstMs < hostile.target);
  });

  it('measures DynamoDB capacity through the consumers, per table and operation', () => {
    const { dynamodb } = bench;
    const sum = (pick: (line: (typeof dynamodb.breakdown)[number]) => number) => dynamodb.breakdown.reduce((total, line) => total + pick(line), 0);
    expect(sum((line) => line.writeUnitsPerEvent)).toBeCloseTo(dynamodb.writeUnitsPerEvent, 9);
    expect(sum((line) => line.readUnitsPerEvent)).toBeCloseTo(dynamodb.readUnitsPerEvent, 9);
    // Every event is stored once, and no idempotency record is written beside it.
    const tables = new Set(dynamodb.breakdown.map((line) => line.table));
    expect(tables).toContain('offside-evidence');
    expect(tables).not.toContain('offside-idempotency');
    expect(dynamodb.writePass).toBe(dynamodb.writeUnitsPerEvent <= dynamodb.writeTarget);
  });

  it('prices a million events as the sum of its lines', () => {
    const { cost } = bench;
    expect(cost.lines.reduce((total, line) => total + line.dollars, 0)).toBeCloseTo(cost.totalDollars, 9);
    expect(cost.pass).toBe(cost.totalDollars <= cost.target);
  });

  it('bills the evidence and cases tables by the capacity their auto scaling holds, never under what they consume at its target, and keeps the all on-demand total beside', () => {
    const { cost } = bench;
    expect(cost.provisioned.map((line) => `${line.table} ${line.units}`).sort()).toEqual(['offside-cases read', 'offside-cases write', 'offside-evidence read', 'offside-evidence write']);
    for (const line of cost.provisioned) {
      expect(line.utilization, `${line.table} ${line.units}`).toBeLessThanOrEqual(line.targetUtilization + 1e-9);
      expect(line.utilization).toBeCloseTo(line.consumedUnitHours / line.provisionedUnitHours, 9);
      expect(line.hours).toBe(24 * bench.shape.dayRatios.length);
    }
    // The same units on demand: each table's units per event at the on-demand price.
    const units = (kind: 'writeUnitsPerEvent' | 'readUnitsPerEvent') => bench.dynamodb.breakdown.reduce((total, line) => total + line[kind], 0);
    expect(cost.onDemand.writeDollars).toBeCloseTo(units('writeUnitsPerEvent') * 0.625, 9);
    expect(cost.onDemand.readDollars).toBeCloseTo(units('readUnitsPerEvent') * 0.125, 9);
    const dynamoLines = cost.lines.filter((line) => line.item.startsWith('DynamoDB')).reduce((total, line) => total + line.dollars, 0);
    expect(cost.onDemand.totalDollars).toBeCloseTo(cost.totalDollars - dynamoLines + cost.onDemand.writeDollars + cost.onDemand.readDollars, 9);
  });

  it('counts the ladder\'s billed transitions (states entered by name, and retries), its step invocations and its notices by kind', () => {
    const { replay, cost } = bench;
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(total(replay.statesEnteredApproveAll) + replay.retriesApproveAll).toBe(replay.stateTransitionsApproveAll);
    expect(total(replay.noticesByKindApproveAll)).toBe(replay.noticesApproveAll);
    // Each execution starts on its rung's machine, at a step: no Choice of where to start.
    expect(replay.statesEnteredApproveAll.Rung).toBeUndefined();
    // Every state entered but a Fail is a task, and each task attempt invokes ladder-step once.
    const failed = replay.statesEnteredApproveAll.LadderFailed ?? 0;
    expect(replay.stepInvocationsApproveAll).toBe(replay.stateTransitionsApproveAll - failed);
    const line = cost.lines.find((candidate) => candidate.item.startsWith('Lambda requests (ladder-step'));
    expect(line?.quantity).toBeCloseTo((replay.stepInvocationsApproveAll / bench.input.events) * 1_000_000, 6);
  });

  it('measures the stream\'s concentration on sellers and hours, for the capacity plan', () => {
    const { shape } = bench;
    expect(shape.events).toBe(bench.input.events);
    expect(shape.largestSellerShare).toBeLessThanOrEqual(shape.topTenSellersShare);
    expect(shape.topTenSellersShare).toBeLessThanOrEqual(1);
    expect(shape.peakHourRatio).toBeGreaterThanOrEqual(1);
    expect(shape.hourOfDayRatios.reduce((sum, ratio) => sum + ratio, 0)).toBeCloseTo(24, 9);
    expect(shape.dayRatios.reduce((sum, ratio) => sum + ratio, 0)).toBeCloseTo(shape.dayRatios.length, 9);
    expect(Object.values(shape.queueShares).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 9);
  });

  it('counts the producer sending ten events a request, and a receive and a delete per ten records an invocation is handed', () => {
    const { sqs } = bench.cost;
    // The simulated events are a few hundred bytes: a batch of ten is one billed request.
    expect(sqs.bytesPerEvent).toBeLessThan(6_553);
    expect(sqs.sendRequestsPerEvent).toBeGreaterThanOrEqual(0.1);
    expect(sqs.sendRequestsPerEvent).toBeLessThan(0.2);
    // Lambda's pollers take at most ten messages a request: batches of ten are one delete each.
    expect(sqs.deleteRequestsPerEvent).toBeCloseTo(bench.dynamodb.deleteRequests / bench.dynamodb.events, 9);
    expect(bench.dynamodb.deleteRequests).toBeGreaterThanOrEqual(Math.ceil((bench.dynamodb.events - bench.dynamodb.failedRecords) / 10));
    expect(bench.dynamodb.deleteRequests).toBeLessThanOrEqual(bench.dynamodb.invocations * Math.ceil(bench.cost.batchSize / 10));
    expect(sqs.receiveRequestsPerEvent).toBeGreaterThanOrEqual(sqs.deleteRequestsPerEvent);
  });

  it('runs replay at a quarter, half and all of the stream for peak memory', () => {
    const { steps, ratio } = bench.memory;
    expect(steps.map((step) => step.events)).toEqual([500, 1000, 2000]);
    const [first, , last] = steps;
    expect(ratio).toBeCloseTo((last?.peakRssBytes ?? 0) / (first?.peakRssBytes ?? 1), 9);
  });

  it("weighs the console's production bundle gzipped, and judges each console figure by its target", () => {
    const { bundle, load, timeline } = bench.console;
    expect(bundle.gzipBytes).toBeLessThan(bundle.bytes);
    expect(bundle.pass).toBe(bundle.gzipBytes <= bundle.target);
    expect(load.pass).toBe(load.millis <= load.target);
    expect(timeline.pass).toBe(timeline.drawMillis <= timeline.target);
  });

  it('summarises every section in rows with a verdict', () => {
    const sections = new Set(bench.rows.map((row) => row.section));
    expect([...sections]).toEqual(['replay throughput', 'classifier throughput', 'classifier, hostile input', 'DynamoDB capacity', 'cost', 'replay memory', 'web console']);
    expect(bench.rows.filter((row) => row.result !== 'info')).toHaveLength(11);
  });
});
