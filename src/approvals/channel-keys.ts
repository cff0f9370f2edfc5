import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Env } from '../config/resolve-variables.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { ChannelSchema, type Channel } from './decision.ts';
import { bytesToHex, hexToBytes } from './hex-bytes.ts';



/** An Ed25519 key pair as lowercase hex: 32-byte private key (seed), 32-byte public key. */
export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * The channels' keys. Every channel has a public key (the workflow verifies with it); a private
 * key only where this process signs for that channel.
 */
export interface ChannelKeys {
  private: Partial<Record<Channel, string>>;
  public: Record<Channel, string>;
}

export interface LoadChannelKeysOptions {
  env: Env;
  /** Folder of `<channel>.key` (private, 0600) and `<channel>.pub` files. */
  keysDir: string;
  /** Create a missing pair in keysDir (`npm start` on first run) instead of failing. */
  generate: boolean;
}

export interface LoadedKey {
  privateKey?: string;
  publicKey: string;
}

export function generateKeyPair(): KeyPair {
  const secretKey = ed25519.utils.randomSecretKey();
  return { privateKey: bytesToHex(secretKey), publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}

export function privateKeyVariable(channel: Channel): string {
  return `COUNTERSIGN_${channel.toUpperCase()}_PRIVATE_KEY`;
}

export function publicKeyVariable(channel: Channel): string {
  return `COUNTERSIGN_${channel.toUpperCase()}_PUBLIC_KEY`;
}

// Messages name where a key came from, never the key.
function invalid(source: string, what: string, cause?: unknown): CountersignError {
  return new CountersignError(ErrorCode.ChannelKeyInvalid, `${source} ${what}`, cause === undefined ? undefined : { cause });
}

function derivePublic(privateHex: string, source: string): KeyPair {
  const secretKey = hexToBytes(privateHex, 32);
  if (secretKey === undefined) {
    throw invalid(source, 'is not an Ed25519 private key (64 hex characters); replace it with a key made by generateKeyPair, or remove it to use the next source');
  }
  return { privateKey: privateHex.toLowerCase(), publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}

function checkPublic(publicHex: string, source: string): string {
  const bytes = hexToBytes(publicHex, 32);
  if (bytes === undefined || !ed25519.utils.isValidPublicKey(bytes, false)) {
    throw invalid(source, 'is not an Ed25519 public key (64 hex characters); copy it again from the channel that holds the private key');
  }
  return publicHex.toLowerCase();
}

function fromPrivate(privateHex: string, privateSource: string, publicHex: string | undefined, publicSource: string): LoadedKey {
  const pair = derivePublic(privateHex, privateSource);
  if (publicHex !== undefined && checkPublic(publicHex, publicSource) !== pair.publicKey) {
    throw invalid(publicSource, `does not belong to the private key in ${privateSource}; remove it (the public key is derived from the private one) or fix it`);
  }
  return pair;
}

function fromEnv(channel: Channel, env: Env): LoadedKey | undefined {
  const privateVar = privateKeyVariable(channel);
  const publicVar = publicKeyVariable(channel);
  const privateHex = env[privateVar]?.trim() || undefined;
  const publicHex = env[publicVar]?.trim() || undefined;
  if (privateHex !== undefined) return fromPrivate(privateHex, `the environment variable ${privateVar}`, publicHex, `the environment variable ${publicVar}`);
  if (publicHex !== undefined) return { publicKey: checkPublic(publicHex, `the environment variable ${publicVar}`) };
  return undefined;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw invalid(`the key file ${file}`, 'cannot be read; check that it is a file this process may read', error);
  }
}

async function fromFiles(keyFile: string, pubFile: string): Promise<LoadedKey | undefined> {
  const privateHex = await readIfPresent(keyFile);
  const publicHex = await readIfPresent(pubFile);
  if (privateHex !== undefined) return fromPrivate(privateHex, `the key file ${keyFile}`, publicHex, `the key file ${pubFile}`);
  if (publicHex !== undefined) return { publicKey: checkPublic(publicHex, `the key file ${pubFile}`) };
  return undefined;
}

/** Writes a new pair, unless another process created the key file first. */
async function createPair(keysDir: string, keyFile: string, pubFile: string): Promise<void> {
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const pair = generateKeyPair();
  try {
    // 'wx' never overwrites a key: two processes starting at once keep the first one's pair.
    await writeFile(keyFile, `${pair.privateKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return;
    throw error;
  }
  await writeFile(pubFile, `${pair.publicKey}\n`, { mode: 0o644 });
}

/** One channel's key, from the same sources as loadChannelKeys (the email server needs only its own). */
export async function loadChannelKey(channel: Channel, options: LoadChannelKeysOptions): Promise<LoadedKey> {
  return loadChannel(channel, options);
}

async function loadChannel(channel: Channel, options: LoadChannelKeysOptions): Promise<LoadedKey> {
  const found = fromEnv(channel, options.env);
  if (found !== undefined) return found;
  const keyFile = path.join(options.keysDir, `${channel}.key`);
  const pubFile = path.join(options.keysDir, `${channel}.pub`);
  const stored = await fromFiles(keyFile, pubFile);
  if (stored !== undefined) return stored;
  if (options.generate) {
    await createPair(options.keysDir, keyFile, pubFile);
    const created = await fromFiles(keyFile, pubFile);
    if (created !== undefined) return created;
  }
  throw new CountersignError(
    ErrorCode.ChannelKeyMissing,
    `no key for the ${channel} channel: set ${privateKeyVariable(channel)} (or only ${publicKeyVariable(channel)} on a worker that verifies but does not sign), or put the private key in ${keyFile}; \`npm start\` creates one on its first run`,
  );
}

/**
 * Loads each channel's key: from the environment (`COUNTERSIGN_<CHANNEL>_PRIVATE_KEY`, or
 * `..._PUBLIC_KEY` alone), else from `<keysDir>/<channel>.key` / `.pub`, else a new pair when
 * `generate` is set. Throws channel_key_missing or channel_key_invalid naming the variable or file.
 */
export async function loadChannelKeys(options: LoadChannelKeysOptions): Promise<ChannelKeys> {
  const privateKeys: Partial<Record<Channel, string>> = {};
  const publicKeys: Partial<Record<Channel, string>> = {};
  for (const channel of ChannelSchema.options) {
    const key = await loadChannel(channel, options);
    publicKeys[channel] = key.publicKey;
    if (key.privateKey !== undefined) privateKeys[channel] = key.privateKey;
  }
  // The loop set every channel's public key or threw.
  return { private: privateKeys, public: publicKeys as Record<Channel, string> };
}
