/**
 * The walls of .dependency-cruiser.cjs hold on this tree, and they would catch a break: the same
 * configuration, run over a copy of the sources with forbidden imports planted in it, names each
 * planted import with its rule.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** What `npm run depcruise` cruises. */
const SOURCES = ['shared', 'events', 'functions', 'infra', 'tools', 'test', 'bin'];

/** Every violation as `rule: from -> to` (a cycle: its whole path). */
async function violations(baseDir: string): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  // No outputType: the result comes back as an object, not as a report.
  const { output } = await cruise(SOURCES, { ...options, baseDir, preserveSymlinks: true, validate: true });
  if (typeof output === 'string') throw new Error('dependency-cruiser answered with a report instead of a result');
  return output.summary.violations.map((violation) => {
    const path = violation.cycle?.map((step) => step.name) ?? [violation.to];
    return `${violation.rule.name}: ${[violation.from, ...path].join(' -> ')}`;
  });
}

describe('the walls on this tree', () => {
  it('hold: no forbidden import and no cycle', async () => {
    expect(await violations(root)).toEqual([]);
  });
});

describe('the walls on a copy with forbidden imports planted', () => {
  let copy: string;
  let found: string[];

  const plant = (path: string, source: string) => {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    writeFileSync(join(copy, path), source);
  };

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'offside-walls-'));
    for (const folder of SOURCES) {
      cpSync(join(root, folder), join(copy, folder), { recursive: true, filter: (source) => !/\.(jsonl|json|svg|md)$/u.test(source) });
    }
    cpSync(join(root, 'tsconfig.json'), join(copy, 'tsconfig.json'));
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    plant('shared/domain/planted-sdk.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n");
    plant('shared/domain/planted-fs.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    plant('shared/domain/planted-port.ts', "import type { CaseStore } from '../ports/case-store';\nexport type Store = CaseStore;\n");
    plant('shared/use-cases/planted-adapter.ts', "export { InMemoryCaseStore } from '../adapters/memory/case-store';\n");
    plant('shared/planted-tool.ts', "export { runValidate } from '../tools/cli/validate';\n");
    plant('functions/planted/handler.ts', "export { startEmulators } from '../../tools/local/emulators';\n");
    plant('infra/planted.ts', "export * from '../functions/ladder-step/handler';\n");
    plant('tools/planted-a.ts', "import type { B } from './planted-b';\nexport interface A { readonly b?: B }\n");
    plant('tools/planted-b.ts', "import type { A } from './planted-a';\nexport interface B { readonly a?: A }\n");
    found = await violations(copy);
  }, 120_000);

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('name a domain module that imports the AWS SDK', () => {
    expect(found).toContainEqual(expect.stringMatching(/^domain-is-pure: shared\/domain\/planted-sdk\.ts -> node_modules\/@aws-sdk\/client-dynamodb\//u));
  });

  it('name a domain module that imports node:fs', () => {
    expect(found).toContainEqual(expect.stringMatching(/^domain-is-pure: shared\/domain\/planted-fs\.ts -> (node:)?fs$/u));
  });

  it('name a domain module that imports a port', () => {
    expect(found).toContain('domain-is-pure: shared/domain/planted-port.ts -> shared/ports/case-store.ts');
  });

  it('name a use case that imports an adapter', () => {
    expect(found).toContain('use-cases-import-ports-and-domain-only: shared/use-cases/planted-adapter.ts -> shared/adapters/memory/case-store.ts');
  });

  it('name the product importing a tool', () => {
    expect(found).toContain('product-does-not-import-tools-infra-functions-or-tests: shared/planted-tool.ts -> tools/cli/validate.ts');
  });

  it('name a handler importing a tool', () => {
    expect(found).toContain('functions-import-the-product-only: functions/planted/handler.ts -> tools/local/emulators.ts');
  });

  it('name infra importing a handler', () => {
    expect(found).toContain('infra-does-not-import-tools-or-functions: infra/planted.ts -> functions/ladder-step/handler.ts');
  });

  it('name a cycle of type-only imports', () => {
    expect(found).toContainEqual(expect.stringMatching(/^no-cycles: tools\/planted-(a|b)\.ts -> tools\/planted-(a|b)\.ts -> tools\/planted-(a|b)\.ts$/u));
  });

  it('find nothing else in the copy', () => {
    expect(found.filter((line) => !line.includes('planted'))).toEqual([]);
  });
});
