/**
 * The `offside` command line (bin/offside.js). Each subcommand lives in its own module and is
 * loaded on demand, so `offside validate` does not pay for the local platform's imports.
 */
const USAGE = `usage: offside <command> [options]

commands:
  validate FILE.jsonl     check events against the v1 contract (exit 1 if any is invalid)
  classify                label messages read as JSON Lines on stdin ({"id","text","lang"?}) [--explain] [--help]
  replay FILE.jsonl       run the whole pipeline over a file in virtual time [--json] [--approvals M]
  simulate                write a simulated marketplace and its ground truth [--sellers --days --seed --out]
  evaluate STREAM TRUTH   replay a simulation and score detection against its ground truth [--json] [--chart FILE.svg]
  local                   run the whole platform on local stand-ins (npm start)
  redrive --queue NAME    move NAME-dlq's messages back to NAME [--endpoint URL] [--region R] [--max N] [--dry-run]
  token --role ROLE       print a console API token the local platform accepts [--user NAME] [--hours H]
                          (ROLE: analyst, legal or admin; no deployed console accepts it)
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'validate': {
      const [file] = args;
      if (!file || args.length !== 1) return usage('validate takes exactly one FILE.jsonl');
      const { runValidate } = await import('./validate');
      try {
        return await runValidate(file, { stdout: process.stdout, stderr: process.stderr });
      } catch (error) {
        process.stderr.write(`offside validate: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
      }
    }
    case 'classify': {
      const { classifyCommand } = await import('./classify');
      return classifyCommand(args);
    }
    case 'replay': {
      const { runReplay } = await import('./replay');
      return runReplay(args);
    }
    case 'simulate': {
      const { runSimulate } = await import('./simulate');
      return runSimulate(args);
    }
    case 'evaluate': {
      const { runEvaluate } = await import('./evaluate');
      return runEvaluate(args);
    }
    case 'redrive': {
      const { runRedrive } = await import('./redrive');
      try {
        return await runRedrive(args);
      } catch (error) {
        process.stderr.write(`offside redrive: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
    }
    case 'token': {
      const { runToken } = await import('./token');
      return runToken(args);
    }
    case 'local': {
      const { runLocalPlatform } = await import('../local/platform');
      return runLocalPlatform(args);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return usage(`unknown command: ${command}`);
  }
}

function usage(problem: string): number {
  process.stderr.write(`offside: ${problem}\n\n${USAGE}`);
  return 2;
}
