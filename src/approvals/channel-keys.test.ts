import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ed25519 } from '@noble/curves/ed25519.js';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { generateKeyPair, loadChannelKeys } from './channel-keys.ts';
import { bytesToHex, hexToBytes } from './hex-bytes.ts';

let root: string;
let count = 0;

function freshDir(): string {
  count += 1;
  return path.join(root, `keys-${count}`);
}

/** Public keys for every channel, so only the channel under test needs more. */
function publicOnlyEnv(except?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const channel of ['SLACK', 'EMAIL', 'CLI', 'HTTP']) {
    if (channel !== except) env[`COUNTERSIGN_${channel}_PUBLIC_KEY`] = generateKeyPair().publicKey;
  }
  return env;
}

async function rejectsWith(promise: Promise<unknown>, code: string, ...patterns: RegExp[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CountersignError, `expected a CountersignError, got ${String(error)}`);
    assert.equal(error.code, code);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

describe('generateKeyPair', () => {
  it('makes an Ed25519 pair whose public key matches the private one', () => {
    const pair = generateKeyPair();
    assert.match(pair.privateKey, /^[0-9a-f]{64}$/);
    const secret = hexToBytes(pair.privateKey, 32);
    assert.ok(secret);
    assert.equal(bytesToHex(ed25519.getPublicKey(secret)), pair.publicKey);
  });
});

describe('loadChannelKeys', () => {
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'countersign-keys-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uses a private key from the environment and derives its public key', async () => {
    const pair = generateKeyPair();
    const env: Record<string, string> = { ...publicOnlyEnv('SLACK'), COUNTERSIGN_SLACK_PRIVATE_KEY: pair.privateKey.toUpperCase() };
    const keys = await loadChannelKeys({ env, keysDir: freshDir(), generate: false });
    assert.equal(keys.private.slack, pair.privateKey);
    assert.equal(keys.public.slack, pair.publicKey);
    assert.equal(keys.private.email, undefined, 'a public key alone gives no private key');
    assert.equal(keys.public.email, env.COUNTERSIGN_EMAIL_PUBLIC_KEY);
  });

  it('generates 0600 key files in a 0700 folder, and a second load reads the same keys', async () => {
    const keysDir = freshDir();
    const first = await loadChannelKeys({ env: {}, keysDir, generate: true });
    for (const channel of ['slack', 'email', 'cli', 'http'] as const) {
      const key = await stat(path.join(keysDir, `${channel}.key`));
      assert.equal(key.mode & 0o777, 0o600, `${channel}.key`);
      assert.equal((await readFile(path.join(keysDir, `${channel}.pub`), 'utf8')).trim(), first.public[channel]);
      assert.match(first.private[channel] ?? '', /^[0-9a-f]{64}$/);
    }
    assert.equal((await stat(keysDir)).mode & 0o777, 0o700);
    const second = await loadChannelKeys({ env: {}, keysDir, generate: false });
    assert.deepEqual(second, first);
  });

  it('verifies with public key files alone, as a worker that does not sign', async () => {
    const keysDir = freshDir();
    await mkdir(keysDir, { recursive: true });
    const pairs = { slack: generateKeyPair(), email: generateKeyPair(), cli: generateKeyPair(), http: generateKeyPair() };
    for (const [channel, pair] of Object.entries(pairs)) await writeFile(path.join(keysDir, `${channel}.pub`), `${pair.publicKey}\n`);
    const keys = await loadChannelKeys({ env: {}, keysDir, generate: true });
    assert.deepEqual(keys.private, {});
    assert.equal(keys.public.cli, pairs.cli.publicKey);
  });

  it('names the variable to set and the file it looked for when a key is missing', async () => {
    const keysDir = freshDir();
    await rejectsWith(
      loadChannelKeys({ env: publicOnlyEnv('CLI'), keysDir, generate: false }),
      ErrorCode.ChannelKeyMissing,
      /COUNTERSIGN_CLI_PRIVATE_KEY/,
      /COUNTERSIGN_CLI_PUBLIC_KEY/,
      new RegExp(path.join(keysDir, 'cli.key').replaceAll('.', '\\.')),
    );
  });

  it('refuses a malformed key in the environment, naming the variable but not the value', async () => {
    const env = { ...publicOnlyEnv('HTTP'), COUNTERSIGN_HTTP_PRIVATE_KEY: 'zz-secret-zz' };
    await rejectsWith(loadChannelKeys({ env, keysDir: freshDir(), generate: true }), ErrorCode.ChannelKeyInvalid, /COUNTERSIGN_HTTP_PRIVATE_KEY/);
    await assert.rejects(loadChannelKeys({ env, keysDir: freshDir(), generate: true }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.doesNotMatch(error.message, /zz-secret-zz/);
      return true;
    });
  });

  it('refuses a public key that is not a point of the curve', async () => {
    const env = { ...publicOnlyEnv('EMAIL'), COUNTERSIGN_EMAIL_PUBLIC_KEY: 'ab'.repeat(31) };
    await rejectsWith(loadChannelKeys({ env, keysDir: freshDir(), generate: false }), ErrorCode.ChannelKeyInvalid, /COUNTERSIGN_EMAIL_PUBLIC_KEY/);
  });

  it('refuses a malformed key file, naming the file', async () => {
    const keysDir = freshDir();
    await mkdir(keysDir, { recursive: true });
    await writeFile(path.join(keysDir, 'slack.key'), 'garbage\n', { mode: 0o600 });
    await rejectsWith(loadChannelKeys({ env: publicOnlyEnv('SLACK'), keysDir, generate: true }), ErrorCode.ChannelKeyInvalid, /slack\.key/);
  });

  it('refuses a public key that does not belong to the private key beside it', async () => {
    const env = {
      ...publicOnlyEnv(),
      COUNTERSIGN_SLACK_PRIVATE_KEY: generateKeyPair().privateKey,
    };
    await rejectsWith(
      loadChannelKeys({ env, keysDir: freshDir(), generate: false }),
      ErrorCode.ChannelKeyInvalid,
      /COUNTERSIGN_SLACK_PUBLIC_KEY does not belong to the private key in the environment variable COUNTERSIGN_SLACK_PRIVATE_KEY/,
    );
  });
});
