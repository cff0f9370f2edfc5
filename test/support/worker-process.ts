import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The one variable the child reads: its whole configuration as JSON. */
export const WORKER_CHILD_VARIABLE = 'COUNTERSIGN_TEST_WORKER';
/** The line the child prints once its worker polls the task queue. */
export const WORKER_READY_LINE = 'worker ready';

const CHILD_PATH = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

/** What a worker child needs to serve Countersign's task queue; the child parses it with this schema. */
export const WorkerChildConfigSchema = z.object({
  /** PostgreSQL connection string of the test's database. */
  databaseUrl: z.string().min(1),
  /** Temporal frontend `host:port`. */
  temporalAddress: z.string().min(1),
  namespace: z.string().min(1),
  taskQueue: z.string().min(1),
  /** The governance file's text: the child builds its notifiers from it, as `npm run worker` does. */
  policyYaml: z.string().min(1),
  /** Variables executors resolve `${VAR}` from. */
  env: z.record(z.string(), z.string()),
});
export type WorkerChildConfig = z.infer<typeof WorkerChildConfigSchema>;

export interface WorkerProcess {
  /** Sends `signal` and resolves once the child has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Asks the worker to shut down (SIGTERM); kills it if it has not exited within a few seconds. */
  stop(): Promise<void>;
  /** Everything the child printed so far, stdout and stderr interleaved. */
  output(): string;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/**
 * Runs a Countersign worker in a child process, so a test can SIGKILL it as a crash would: no
 * shutdown, no drained activities, connections cut. Resolves once the child says it is polling.
 */
export async function startWorkerProcess(config: WorkerChildConfig): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_PATH], {
    cwd: process.cwd(),
    env: { ...process.env, [WORKER_CHILD_VARIABLE]: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit').then(() => undefined);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker child was not ready within ${READY_TIMEOUT_MS} ms; it printed:\n${output}`)), READY_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(WORKER_READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // After readiness this reject is a no-op: a later exit is the test's doing, not a failure.
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the worker child exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)}) before it was ready; it printed:\n${output}`));
    });
  });

  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    await exited;
  };
  try {
    await ready;
  } catch (error) {
    await kill('SIGKILL');
    throw error;
  }
  return {
    kill,
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
    output: () => output,
  };
}
