/**
 * The replay engine (shared/composition/replay/replay-engine.ts) as the command line builds it: on
 * the ladder this checkout synthesizes and the consumers' own handlers.
 */
import type { LocalEngineOptions } from '../../shared/composition/replay/replay-engine';
import { LocalReplayEngine } from '../../shared/composition/replay/replay-engine';
import { CONSUMER_HANDLERS } from '../local/consumers';
import { ladderDefinitions } from '../local/ladder-definition';

export async function localReplayEngine(options: Omit<LocalEngineOptions, 'definitions' | 'definitionsValidated' | 'handlers'>): Promise<LocalReplayEngine> {
  return LocalReplayEngine.create({ ...options, definitions: await ladderDefinitions(), definitionsValidated: true, handlers: CONSUMER_HANDLERS });
}
