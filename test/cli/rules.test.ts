import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DETECTION_CONFIG, DetectionConfigSchema, SIGNAL_IDS } from '../../shared/domain/detection/config';
import { RULES } from '../../shared/domain/detection/signals';
import { runRules } from '../../tools/cli/commands/rules';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function rules(argv: readonly string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runRules(argv, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'offside-rules-')), 'config.json');
  writeFileSync(path, content);
  return path;
}

const edited = (edit: (config: Record<string, unknown> & typeof DETECTION_CONFIG) => void) => {
  const config = structuredClone(DETECTION_CONFIG) as Record<string, unknown> & typeof DETECTION_CONFIG;
  edit(config);
  return file(JSON.stringify(config));
};

describe('the detection configuration document', () => {
  it('keys a setting with a switch by every rule detection has', () => {
    expect([...SIGNAL_IDS].sort()).toEqual([...RULES].sort());
    for (const id of SIGNAL_IDS) expect(DETECTION_CONFIG.signals[id].enabled).toBe(true);
  });

  it('holds the shipped weights as version 1, valid under its own schema', () => {
    expect(DETECTION_CONFIG.version).toBe(1);
    expect(DetectionConfigSchema.parse(DETECTION_CONFIG)).toEqual(DETECTION_CONFIG);
  });
});

describe('offside rules show', () => {
  // With no `npm start` running, it prints what the product ships with (the store's version 1).
  process.env.OFFSIDE_LOCAL_PLATFORM_FILE = join(mkdtempSync(join(tmpdir(), 'offside-rules-')), 'no-platform.json');

  it('prints the live configuration as one JSON object, signals keyed by id', async () => {
    const result = await rules(['show', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as typeof DETECTION_CONFIG;
    expect(printed).toEqual(DETECTION_CONFIG);
    expect(Object.keys(printed.signals)).toContain('lookup-then-flip');
  });

  it('prints a version asked for and exits 1 for one that does not exist', async () => {
    expect(JSON.parse((await rules(['show', '--version', '1', '--json'])).stdout)).toMatchObject({ version: 1 });
    const missing = await rules(['show', '--version', '999', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no version 999/u);
  });
});

describe('offside rules validate', () => {
  it('exits 0 for the configuration `rules show` prints', async () => {
    const shown = await rules(['show', '--json']);
    const result = await rules(['validate', file(shown.stdout)]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 1 naming the field and the reason of a wrong value', async () => {
    const result = await rules(['validate', edited((config) => void (config.signals['targeted-lookup'] = { ...config.signals['targeted-lookup'], alpha: 2 }))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^signals\.targeted-lookup\.alpha: .*1/mu);
  });

  it('names a missing switch and an unknown signal', async () => {
    const result = await rules([
      'validate',
      edited((config) => {
        const { enabled: _enabled, ...ring } = config.signals.ring;
        (config.signals as Record<string, unknown>).ring = ring;
        (config.signals as Record<string, unknown>)['made-up'] = { enabled: true };
      }),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^signals\.ring\.enabled: /mu);
    expect(result.stderr).toMatch(/^signals: .*made-up/mu);
  });

  it('names thresholds that contradict each other', async () => {
    const result = await rules([
      'validate',
      edited((config) => void (config.signals['unexplained-flips'] = { ...config.signals['unexplained-flips'], decisive: { points: 50, minFlips: 1, alpha: 1e-3 } })),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^signals\.unexplained-flips\.decisive\.minFlips: /mu);
  });

  it('names an honest flip-rate spread whose lowest end is above its highest', async () => {
    const result = await rules(['validate', edited((config) => void (config.evidence = { ...config.evidence, honestFlipRateMin: 0.09 }))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^evidence\.honestFlipRateMin: needs honestFlipRateMax, at least as large/mu);
  });

  it('exits 1 for a file that is not JSON, without quoting it', async () => {
    const result = await rules(['validate', file('{"version": 1, jane@example.com')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\(root\): not valid JSON/u);
    expect(result.stderr).not.toContain('jane');
  });

  it('exits 2 for a file that cannot be read', async () => {
    expect((await rules(['validate', '/nonexistent/offside-rules.json'])).code).toBe(2);
  });
});
