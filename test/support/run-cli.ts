import { buildProgram, runCli, type CliDeps } from '../../src/cli/program.ts';
import type { Harness } from './harness.ts';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `countersign ...args` against the harness's services, capturing what it prints. */
export async function runCountersign(h: Harness, args: readonly string[], overrides: Partial<CliDeps> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({
    pool: h.db.pool,
    temporal: h.temporal.client,
    taskQueue: h.taskQueue,
    namespace: 'default',
    uiUrl: 'http://ui.test',
    cliPrivateKey: h.keys.cli.privateKey,
    operator: undefined,
    loadPolicy: () => Promise.resolve(h.policy),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...overrides,
  });
  const code = await runCli(program, ['node', 'countersign', ...args]);
  return { code, out, err };
}
