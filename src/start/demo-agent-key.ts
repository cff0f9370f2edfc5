import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createAgentKey } from '../agent-keys/agent-key-store.ts';
import type { Pool } from '../db/pool.ts';
import { ownEntry } from '../policy/own-entry.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';

/** The example policy's agent, which `npm run demo` plays. */
export const DEMO_AGENT = 'bounty-hunter';

export const demoKeyFile = (dataDir: string): string => path.join(dataDir, 'agent-keys', `${DEMO_AGENT}.key`);

/** The demo agent's key from the data folder, if `npm start` has issued one. */
export async function readDemoKey(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(demoKeyFile(dataDir), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * On the first `npm start` with a policy that has the demo agent: issues it a key (audited like
 * any other) into `<data>/agent-keys/bounty-hunter.key`, mode 0600. Returns the file when it made one.
 */
export async function issueDemoKey(pool: Pool, policy: LoadedPolicy, dataDir: string): Promise<string | undefined> {
  if (ownEntry(policy.policy.agents, DEMO_AGENT) === undefined || (await readDemoKey(dataDir)) !== undefined) return undefined;
  const made = await createAgentKey(pool, DEMO_AGENT, { by: 'countersign', policyVersion: policy.version, at: new Date() });
  const file = demoKeyFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${made.key}\n`, { mode: 0o600 });
  return file;
}
