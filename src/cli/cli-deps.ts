import type { Client } from '@temporalio/client';
import type { Pool } from '../db/pool.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';

/** What the operator CLI's commands work with; main.ts builds it from the environment. */
export interface CliDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  namespace: string;
  /** The Temporal Web UI, for links to an action's workflow. */
  uiUrl: string;
  /** The CLI channel's Ed25519 private key (hex); commands that sign need it. */
  cliPrivateKey: string | undefined;
  /** Who runs the CLI (COUNTERSIGN_OPERATOR), as the policy names people. */
  operator: string | undefined;
  /** The governance file (COUNTERSIGN_POLICY), read when a command needs it. */
  loadPolicy: () => Promise<LoadedPolicy>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 done, 1 a refusal or a user mistake, 2 the audit chain is broken. */
export const ExitCode = { Ok: 0, Refused: 1, ChainBroken: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
