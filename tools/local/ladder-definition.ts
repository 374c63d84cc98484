/**
 * The enforcement ladder's definitions exactly as the CDK app synthesizes them (one state machine
 * per rung an execution starts at): the construct is synthesized in a throwaway app and its state
 * machines extracted, each by its local-name tag, so local runs (replay, the local
 * platform) execute the same ASL that `cdk deploy` ships. Synthesis takes seconds, so the result
 * is cached under .offside/cache, keyed by a hash of the sources that shape it and of the CDK
 * version; any change to them synthesizes again. Each definition is validated (the library's ASL
 * validator, as deployed and as run locally) once, as it is synthesized: the runners built on the
 * cached definitions skip that check, which costs about half a second a definition.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractStateMachines } from '../../shared/adapters/step-functions-local/asl';
import { ladderMachineLocalName } from '../../shared/adapters/step-functions-local/local-name';
import { validateDefinition } from '../../shared/adapters/step-functions-local/runner';
import type { LadderDefinitions } from '../../shared/adapters/step-functions-local/local-workflow';
import { ladderDefinitionsSchema } from '../../shared/adapters/step-functions-local/local-workflow';
import { RUNGS } from '../../shared/domain/ladder/rungs';

const ROOT = join(import.meta.dirname, '../..');
/** The files whose content decides the definition. */
const SOURCES = [
  'infra/constructs/enforcement-ladder.ts',
  'shared/domain/ladder/transitions.ts',
  'shared/domain/ladder/rungs.ts',
  'shared/adapters/step-functions-local/asl.ts',
  'shared/adapters/step-functions-local/local-name.ts',
  // It validates them (validateDefinition) as they are synthesized.
  'shared/adapters/step-functions-local/runner.ts',
  'node_modules/aws-cdk-lib/package.json',
];

let cached: LadderDefinitions | undefined;

export async function ladderDefinitions(): Promise<LadderDefinitions> {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const source of SOURCES) hash.update(readFileSync(join(ROOT, source)));
  const cacheDir = join(ROOT, '.offside', 'cache');
  const cacheFile = join(cacheDir, `ladder-machines-${hash.digest('hex').slice(0, 16)}.asl.json`);
  try {
    cached = ladderDefinitionsSchema.parse(JSON.parse(readFileSync(cacheFile, 'utf8')));
    return cached;
  } catch {
    // Not cached yet (or unreadable): synthesize.
  }
  cached = await synthesize();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(cached));
  return cached;
}

async function synthesize(): Promise<LadderDefinitions> {
  const [{ App, Stack }, { Code, Function: LambdaFunction, Runtime }, { EnforcementLadder }] = await Promise.all([
    import('aws-cdk-lib'),
    import('aws-cdk-lib/aws-lambda'),
    import('../../infra/constructs/enforcement-ladder'),
  ]);
  const outdir = mkdtempSync(join(tmpdir(), 'offside-ladder-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'LocalLadder', { env: { account: '000000000000', region: 'us-east-1' } });
    const step = new LambdaFunction(stack, 'Step', {
      code: Code.fromInline('exports.handler = async () => ({})'),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
    });
    new EnforcementLadder(stack, 'Ladder', { step });
    // The cloud assembly's template, as `cdk synth` writes it to cdk.out.
    const template: unknown = app.synth().getStackArtifact(stack.artifactId).template;
    const machines = extractStateMachines(template);
    const definitionOf = (rung: string) => {
      const machine = machines.find((candidate) => candidate.localName === ladderMachineLocalName(rung));
      if (!machine) throw new Error(`the ladder stack synthesized no state machine for ${rung}`);
      return machine.definition;
    };
    const definitions = ladderDefinitionsSchema.parse(Object.fromEntries(RUNGS.map((rung) => [rung, definitionOf(rung)])));
    // Checked once here, before they are cached: the runners that run them need not check them again.
    for (const definition of Object.values(definitions)) validateDefinition(definition);
    return definitions;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
