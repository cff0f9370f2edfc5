import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadChannelKeys, privateKeyVariable } from '../approvals/channel-keys.ts';
import type { Env } from '../config/resolve-variables.ts';
import { CountersignError } from '../errors/countersign-error.ts';

/**
 * The CLI channel's private key: from loadChannelKeys when every channel's key is there; else
 * (an operator's machine often holds only the CLI key) straight from COUNTERSIGN_CLI_PRIVATE_KEY
 * or `<keysDir>/cli.key`. signAttestation checks its form. Undefined when there is none, so
 * commands that do not sign still run.
 */
export async function loadCliPrivateKey(env: Env, keysDir: string): Promise<string | undefined> {
  try {
    return (await loadChannelKeys({ env, keysDir, generate: false })).private.cli;
  } catch (error) {
    if (!(error instanceof CountersignError)) throw error;
  }
  const fromEnv = env[privateKeyVariable('cli')]?.trim();
  if (fromEnv) return fromEnv;
  try {
    return (await readFile(path.join(keysDir, 'cli.key'), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}
