/**
 * Local stand-ins for the AWS services Offside uses, started together for the integration tests and
 * for `npm start`. Every server listens on 127.0.0.1 only, on free ports unless told otherwise.
 *
 * Why these emulators:
 * - DynamoDB: DynamoDB Local, AWS's own emulator (a Java jar, installed by
 *   tools/install-dynamodb-local.mjs). Same engine semantics as the service (conditional writes,
 *   transactions, the TimeToLive API, error codes) — the part we most need to be faithful, since the
 *   evidence and idempotency stores depend on condition expressions. It has no host option and
 *   binds all interfaces, so we start it through a tiny Java launcher (compiled once, cached next to
 *   the jar) that binds it to 127.0.0.1 and exits when our stdin pipe closes, i.e. when we die.
 * - SQS (and SNS, S3 on the same endpoint): fauxqs, in-process and pure Node. It starts in ~0.1 s,
 *   implements visibility timeouts and dead-letter redrive (what our consumers rely on), persists
 *   to SQLite with `dataDir`, and also covers the S3 bucket we will need.
 * - SES v2: aws-ses-v2-local, in-process (an express app). It accepts SESv2 SendEmail/SendBulkEmail
 *   and keeps every sent mail readable at GET {endpoint}/store, which is what the tests assert on.
 *   Its store is module-global: every instance in one process shares (and lists) the same mail.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import type { AddressInfo, ListenOptions } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type sesServerType from 'aws-ses-v2-local';
import { startFauxqs } from 'fauxqs';

export interface EmulatorOptions {
  /**
   * When set, DynamoDB Local uses -dbPath <dataDir>/dynamodb and fauxqs dataDir <dataDir>/fauxqs, so
   * state survives a restart; otherwise everything is in memory. (SES mail is always in memory.)
   */
  dataDir?: string;
  /** 0 or undefined = pick a free port. */
  ports?: { dynamodb?: number; sqs?: number; ses?: number };
  /** Progress and emulator output, one line at a time. Silent by default. */
  log?: (line: string) => void;
}

/**
 * One stand-in that can be taken down and brought back on the same port (the fault tests: a
 * database or a queue service that dies mid-stream). With `dataDir` it comes back with its state.
 */
export interface RestartableEmulator {
  readonly endpoint: string;
  /** Takes it down: `SIGKILL` kills DynamoDB Local as a crash would (fauxqs always closes). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Brings it back on the same port. */
  start(): Promise<void>;
}

export interface Emulators {
  /** `pid` is DynamoDB Local's Java process (undefined once it has gone). */
  dynamodb: RestartableEmulator & { readonly pid: number | undefined };
  /** fauxqs: SQS, SNS and S3 on one endpoint. */
  sqs: RestartableEmulator;
  /** aws-ses-v2-local; GET {endpoint}/store lists sent mail. */
  ses: { endpoint: string };
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stops all three; safe to call more than once. */
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
export const EMULATOR_REGION = 'us-east-1';
/** DynamoDB Local only accepts letters and digits in the access key id. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'offsidelocal', secretAccessKey: 'offsidelocal' } as const;

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 5;

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DYNAMODB_LOCAL_DIR = join(projectRoot, '.local', 'dynamodb-local');

interface Running {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const timed = async <T extends Running>(name: string, start: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const running = await start();
    log(`${name} ready at ${running.endpoint} (${Date.now() - t0} ms)`);
    return running;
  };

  const results = await Promise.allSettled([
    timed('dynamodb', () => startDynamoDbLocal(options.ports?.dynamodb, options.dataDir, log)),
    timed('sqs', () => startSqs(options.ports?.sqs, options.dataDir)),
    timed('ses', () => startSes(options.ports?.ses)),
  ]);
  const [dynamodb, sqs, ses] = results;
  if (dynamodb.status === 'rejected' || sqs.status === 'rejected' || ses.status === 'rejected') {
    await Promise.allSettled(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.stop()] : [])));
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (errors.length === 1) throw errors[0];
    throw new AggregateError(errors, `emulators failed to start: ${errors.map(String).join('; ')}`);
  }
  log(`emulators ready in ${Date.now() - started} ms`);

  let currentDynamoDb: RunningDynamoDb = dynamodb.value;
  let currentSqs: Running = sqs.value;
  const dynamodbPort = Number(new URL(currentDynamoDb.endpoint).port);
  const sqsPort = Number(new URL(currentSqs.endpoint).port);
  let stopping: Promise<void> | undefined;
  return {
    dynamodb: {
      endpoint: dynamodb.value.endpoint,
      get pid() {
        return currentDynamoDb.pid;
      },
      stop: (signal) => currentDynamoDb.stop(signal),
      async start() {
        currentDynamoDb = await startDynamoDbLocal(dynamodbPort, options.dataDir, log);
      },
    },
    sqs: {
      endpoint: sqs.value.endpoint,
      stop: () => currentSqs.stop(),
      async start() {
        currentSqs = await startSqs(sqsPort, options.dataDir);
      },
    },
    ses: { endpoint: ses.value.endpoint },
    region: EMULATOR_REGION,
    credentials: { ...EMULATOR_CREDENTIALS },
    stop() {
      stopping ??= (async () => {
        const stopped = await Promise.allSettled([currentDynamoDb.stop(), currentSqs.stop(), ses.value.stop()]);
        const failures = stopped.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        if (failures.length > 0) throw new AggregateError(failures, 'emulators did not all stop cleanly');
      })();
      return stopping;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Ports

class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** Binds 127.0.0.1:0, reads the port the OS chose, and releases it. Racy by nature: see withPort. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host: LOOPBACK, exclusive: true }, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `start` on the requested port, or on a free one, trying another if someone took it meanwhile. */
async function withPort<T>(requested: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
  if (requested) return start(requested);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (error) {
      if (!isPortInUse(error) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

function isPortInUse(error: unknown): boolean {
  return error instanceof PortInUseError || (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE');
}

// ---------------------------------------------------------------------------------------------
// DynamoDB Local

const LAUNCHER_CLASS = 'OffsideDynamoDbLocal';
/**
 * DynamoDB Local's own main() builds a Jetty server on all interfaces. This does what its main()
 * does minus telemetry, but sets the connector's host to 127.0.0.1 before starting; and it exits
 * when stdin reaches EOF, which happens when the Node parent dies however it dies (even SIGKILL).
 */
const LAUNCHER_SOURCE = `
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public final class ${LAUNCHER_CLASS} {
  public static void main(String[] args) {
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {}
      } catch (Exception ignored) {
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
      try {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
          ((ServerConnector) connector).setHost("${LOOPBACK}");
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        System.err.println("warning: could not bind DynamoDB Local to ${LOOPBACK}, it listens on all interfaces: " + e);
      }
      proxy.start();
      System.err.println("${LAUNCHER_CLASS}: listening");
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
`;

interface RunningDynamoDb extends Running {
  readonly pid: number | undefined;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

async function startDynamoDbLocal(
  requestedPort: number | undefined,
  dataDir: string | undefined,
  log: (line: string) => void,
): Promise<RunningDynamoDb> {
  const jar = join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new Error(
      `DynamoDB Local is not installed (${jar} is missing). Run \`npm ci\` (or \`node tools/install-dynamodb-local.mjs\`).`,
    );
  }
  let storage: string[] = ['-inMemory'];
  if (dataDir) {
    const dbPath = join(dataDir, 'dynamodb');
    await mkdir(dbPath, { recursive: true });
    storage = ['-dbPath', dbPath];
  }
  const launcher = await loopbackLauncher(jar, log);
  return withPort(requestedPort, async (port) => {
    const serverArgs = ['-port', String(port), '-sharedDb', '-disableTelemetry', ...storage];
    const javaArgs = [
      // Startup time matters more than peak throughput here: C1 only, and a small-heap collector.
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal_lib')}`,
      ...(launcher ? ['-cp', [jar, launcher].join(delimiter), LAUNCHER_CLASS] : ['-jar', jar]),
      ...serverArgs,
    ];
    return spawnDynamoDb(javaArgs, port, log);
  });
}

/**
 * Compiles the launcher once per (source, javac) into a folder next to the jar, atomically so
 * concurrent starts don't trip over each other. Undefined (fall back to `java -jar`) if that fails.
 */
async function loopbackLauncher(jar: string, log: (line: string) => void): Promise<string | undefined> {
  const hash = createHash('sha256').update(LAUNCHER_SOURCE).digest('hex').slice(0, 12);
  const target = join(DYNAMODB_LOCAL_DIR, `.offside-launcher-${hash}`);
  if (existsSync(join(target, `${LAUNCHER_CLASS}.class`))) return target;
  let work: string | undefined;
  try {
    const classes = await mkdtemp(join(DYNAMODB_LOCAL_DIR, '.offside-launcher-tmp-'));
    work = classes;
    const source = join(classes, `${LAUNCHER_CLASS}.java`);
    await writeFile(source, LAUNCHER_SOURCE);
    await new Promise<void>((resolve, reject) => {
      execFile('javac', ['-cp', jar, '-d', classes, source], (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}${stderr ? `\n${stderr}` : ''}`)) : resolve(),
      );
    });
    await rm(source);
    try {
      await rename(classes, target);
      work = undefined;
    } catch (error) {
      // Another process compiled it first: theirs is as good as ours.
      if (!existsSync(join(target, `${LAUNCHER_CLASS}.class`))) throw error;
    }
    return target;
  } catch (error) {
    log(`dynamodb: could not compile the 127.0.0.1 launcher (${String(error)}); DynamoDB Local will listen on all interfaces`);
    return undefined;
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

async function spawnDynamoDb(javaArgs: string[], port: number, log: (line: string) => void): Promise<RunningDynamoDb> {
  const endpoint = `http://${LOOPBACK}:${port}`;
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn('java', javaArgs, { cwd: DYNAMODB_LOCAL_DIR, stdio: 'pipe' });
  } catch (error) {
    throw javaError(error);
  }
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 60) output.shift();
      log(`dynamodb: ${line}`);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.stdin.on('error', () => undefined);

  // If this process exits without stop(), take the JVM with it ('exit' handlers must be synchronous).
  const killOnExit = () => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  let spawnError: unknown;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
    child.once('exit', () => resolve());
  });
  void exited.then(() => process.off('exit', killOnExit));
  const hasExited = () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (!hasExited()) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
    child.stdin.destroy();
  };

  const probe = new DynamoDBClient({
    endpoint,
    region: EMULATOR_REGION,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000 },
  });
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (hasExited()) {
        if (spawnError !== undefined) throw javaError(spawnError);
        const text = output.join('\n');
        const message = `DynamoDB Local exited during startup (${child.exitCode ?? child.signalCode}):\n${text}`;
        throw /Address already in use|BindException/i.test(text) ? new PortInUseError(message) : new Error(message);
      }
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`);
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    probe.destroy();
  }

  return {
    endpoint,
    get pid() {
      return hasExited() ? undefined : child.pid;
    },
    stop,
  };
}

function javaError(error: unknown): Error {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
    return new Error('`java` was not found on PATH: DynamoDB Local needs a Java runtime (17 or later). Install one and retry.');
  }
  return error instanceof Error ? error : new Error(String(error));
}

// ---------------------------------------------------------------------------------------------
// fauxqs (SQS, SNS, S3)

async function startSqs(requestedPort: number | undefined, dataDir: string | undefined): Promise<Running> {
  let fauxqsDir: string | undefined;
  if (dataDir) {
    fauxqsDir = join(dataDir, 'fauxqs');
    await mkdir(fauxqsDir, { recursive: true });
  }
  // No `host` option: fauxqs uses it only to spell queue URLs (sqs.<region>.<host>:<port>), not to
  // bind. The SDK clients are given `endpoint`, so they never dial the queue URL's host.
  const server = await withPort(requestedPort, (port) =>
    onLoopback(port, () => startFauxqs({ port, logger: false, ...(fauxqsDir ? { dataDir: fauxqsDir } : {}) })),
  );
  const bound = new URL(server.address).hostname;
  if (bound !== LOOPBACK) {
    await server.stop();
    throw new Error(`fauxqs listened on ${bound} instead of ${LOOPBACK}; its startup has changed, see onLoopback()`);
  }
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${server.port}`,
    stop: () => (stopping ??= server.stop()),
  };
}

/**
 * startFauxqs() hard-codes `listen({ port, host: '0.0.0.0' })`. While it starts, rewrite exactly
 * that call (matched by its port, which we chose) to 127.0.0.1. The alternative, buildApp() and our
 * own listen(), would mean re-implementing its SQLite persistence wiring, which is not exported.
 */
async function onLoopback<T>(port: number, start: () => Promise<T>): Promise<T> {
  const prototype = net.Server.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its own `this` below
  const original = prototype.listen;
  function listen(this: net.Server, ...args: unknown[]): net.Server {
    const [first] = args;
    if (typeof first === 'object' && first !== null) {
      const options = first as ListenOptions;
      if (options.port === port && options.host === '0.0.0.0') args[0] = { ...options, host: LOOPBACK };
    }
    return Reflect.apply(original, this, args) as net.Server;
  }
  prototype.listen = listen as typeof original;
  try {
    return await start();
  } finally {
    if (prototype.listen === listen) prototype.listen = original;
  }
}

// ---------------------------------------------------------------------------------------------
// aws-ses-v2-local

type SesServerModule = { default: typeof sesServerType };

async function startSes(requestedPort: number | undefined): Promise<Running> {
  // A CommonJS module whose function is `exports.default`: require() gets the same shape under
  // Node, tsx and vitest, where an ESM default import would not.
  const { default: sesServer } = createRequire(import.meta.url)('aws-ses-v2-local') as SesServerModule;
  const server = await withPort(requestedPort, async (port) => {
    const candidate: HttpServer = await sesServer({ port, host: LOOPBACK });
    // Its listen callback also receives listen errors and resolves anyway: check it really listens.
    if (!candidate.listening) {
      candidate.close();
      throw new PortInUseError(`aws-ses-v2-local could not listen on ${LOOPBACK}:${port}`);
    }
    return candidate;
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
