import { generateKeyPair, privateKeyVariable, publicKeyVariable } from '../../approvals/channel-keys.ts';
import { ChannelSchema } from '../../approvals/decision.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';

export interface KeysGenerateOptions {
  json?: boolean;
}

/**
 * `keys generate`: a fresh Ed25519 pair per deciding channel, as .env lines. The worker needs
 * every public key; each channel's process (server, Slack app, CLI) only its own private key.
 */
export function keysGenerate(deps: CliDeps, options: KeysGenerateOptions = {}): number {
  const pairs = ChannelSchema.options.map((channel) => ({ channel, ...generateKeyPair() }));
  if (options.json) {
    deps.out(JSON.stringify(Object.fromEntries(pairs.map(({ channel, privateKey, publicKey }) => [channel, { privateKey, publicKey }]))));
    return ExitCode.Ok;
  }
  deps.out('# Countersign channel keys. Public keys: the worker. Private keys: only the process that signs for that channel.');
  for (const { channel, privateKey, publicKey } of pairs) {
    deps.out(`${publicKeyVariable(channel)}=${publicKey}`);
    deps.out(`${privateKeyVariable(channel)}=${privateKey}`);
  }
  return ExitCode.Ok;
}
