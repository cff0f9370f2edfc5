import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { ChannelSchema, type Attestation, type Channel, type DecisionKind } from './decision.ts';
import { hexToBytes } from './hex-bytes.ts';

// Pure: the `approve` and `reject` update validators call verifyAttestation inside Temporal's
// workflow sandbox, so this file imports no Node built-ins and uses no Buffer, clock or I/O.

/** Everything a channel signs: the attestation without its signature. */
export type AttestationFields = Omit<Attestation, 'signature'>;

/** What the attestation must be about: the action, its exact version, the person and the choice. */
export interface AttestationSubject {
  actionId: string;
  actionHash: string;
  approver: string;
  decision: DecisionKind;
  channel: Channel;
  /** Tier 4: the person confirmed the destructive action (signed with the rest). */
  confirm?: true;
}

export type AttestationRefusal =
  | typeof ErrorCode.AttestationMissing
  | typeof ErrorCode.AttestationInvalid
  | typeof ErrorCode.AttestationStale
  | typeof ErrorCode.AttestationReplayed
  | typeof ErrorCode.AttestationMismatch
  | typeof ErrorCode.ChannelUnknown;

export type AttestationCheck = { ok: true } | { ok: false; code: AttestationRefusal; reason: string };

export interface VerifyAttestationInput {
  attestation: Attestation | undefined;
  expected: AttestationSubject;
  /** Public keys (64 hex) of the channels this action accepts decisions from. */
  channelKeys: Partial<Record<Channel, string>>;
  /** The workflow's clock (`Date.now()` inside a workflow is replay-safe). */
  nowMs: number;
  /** How long after signing an attestation is accepted. */
  maxAgeMs: number;
  /** How far in the future `issuedAt` may lie, for clock differences between hosts. */
  maxSkewMs?: number;
  /** Nonces of the attestations this action has already accepted. */
  seenNonces: ReadonlySet<string>;
}

export const DEFAULT_MAX_SKEW_MS = 60_000;

const encoder = new TextEncoder();

/** The bytes a channel signs: UTF-8 of the canonical JSON of exactly the signed fields. */
export function attestationMessage(fields: AttestationFields): Uint8Array {
  return encoder.encode(
    canonicalJson({
      actionId: fields.actionId,
      actionHash: fields.actionHash,
      approver: fields.approver,
      decision: fields.decision,
      channel: fields.channel,
      issuedAt: fields.issuedAt,
      nonce: fields.nonce,
      // Only when given, so attestations made before it was signed still verify.
      ...(fields.confirm === true ? { confirm: true } : {}),
    }),
  );
}

function refuse(code: AttestationRefusal, reason: string): AttestationCheck {
  return { ok: false, code, reason };
}

// Attestation fields come from whoever sent the update: quote them, and keep them short.
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(JSON.stringify(value));
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function shortHash(value: unknown): string {
  return typeof value === 'string' && /^[0-9a-f]{8}/.test(value) ? `${value.slice(0, 8)}…` : shown(value);
}

function humanDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1_000);
  if (seconds < 120) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

function isChannel(value: unknown): value is Channel {
  return ChannelSchema.safeParse(value).success;
}

function mismatch(a: Attestation, expected: AttestationSubject): string | undefined {
  const again = 'reopen the request and decide again';
  if (a.actionId !== expected.actionId) {
    return `this approval was signed for another action (${shown(a.actionId)}), not ${shown(expected.actionId)}; ${again} from the request of ${shown(expected.actionId)}`;
  }
  if (a.actionHash !== expected.actionHash) {
    return `this approval was signed for another version of the action (hash ${shortHash(a.actionHash)}, the action is now ${shortHash(expected.actionHash)}); ${again}`;
  }
  if (a.approver !== expected.approver) {
    return `this approval was signed for the person ${shown(a.approver)}, but the decision names ${shown(expected.approver)}; each person decides through their own channel session`;
  }
  if (a.decision !== expected.decision) {
    return `this attestation was signed for ${shown(a.decision)}, but it was sent as ${shown(expected.decision)}; ${again}`;
  }
  if (a.channel !== expected.channel) {
    return `this attestation was signed by the ${shown(a.channel)} channel, but the decision names the ${shown(expected.channel)} channel; ${again}`;
  }
  return undefined;
}

function signatureValid(a: Attestation, publicKey: Uint8Array, signature: Uint8Array): boolean {
  try {
    // Strict RFC 8032 decoding (no ZIP-215 leniency): one valid encoding per signature and key.
    return ed25519.verify(signature, attestationMessage(a), publicKey, { zip215: false });
  } catch {
    // Malformed input from the sender is a refusal, never an exception in the validator.
    return false;
  }
}

/**
 * Checks that a decision was signed by the channel it names, for this exact action version,
 * person and choice, recently, and only once. Checks run in a fixed order (missing, channel key,
 * mismatch, signature, age, replay) so the sender learns the first thing to fix. Never throws.
 */
export function verifyAttestation(input: VerifyAttestationInput): AttestationCheck {
  const { expected, channelKeys, nowMs, maxAgeMs, seenNonces } = input;
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const raw: unknown = input.attestation;

  if (raw === undefined || raw === null) {
    return refuse(
      ErrorCode.AttestationMissing,
      'this decision carries no attestation, so Countersign cannot tell who made it; decide through Slack, email, the countersign CLI or the HTTP API, which sign what they send (a decision typed into the Temporal UI cannot approve)',
    );
  }
  if (typeof raw !== 'object') {
    return refuse(ErrorCode.AttestationInvalid, 'the attestation is not an object; decide again through Slack, email, the CLI or the HTTP API');
  }
  const a = raw as Attestation;

  if (!isChannel(a.channel)) {
    return refuse(
      ErrorCode.ChannelUnknown,
      `the attestation names the channel ${shown(a.channel)}, which Countersign does not know (${ChannelSchema.options.join(', ')}); decide again through one of those`,
    );
  }
  const keyHex = Object.hasOwn(channelKeys, a.channel) ? channelKeys[a.channel] : undefined;
  if (keyHex === undefined || keyHex === '') {
    const variable = `COUNTERSIGN_${a.channel.toUpperCase()}_PUBLIC_KEY`;
    return refuse(
      ErrorCode.ChannelUnknown,
      `this action has no public key for the ${a.channel} channel, so a decision signed there cannot be checked; decide through another channel, or configure ${variable} on the worker and reopen the request`,
    );
  }

  const different = mismatch(a, expected);
  if (different !== undefined) return refuse(ErrorCode.AttestationMismatch, different);

  const publicKey = hexToBytes(keyHex, 32);
  if (publicKey === undefined) {
    return refuse(
      ErrorCode.AttestationInvalid,
      `the public key configured for the ${a.channel} channel is not 64 hex characters, so no decision from it can be checked; fix COUNTERSIGN_${a.channel.toUpperCase()}_PUBLIC_KEY and reopen the request`,
    );
  }
  const signature = hexToBytes(a.signature, 64);
  if (signature === undefined) {
    return refuse(ErrorCode.AttestationInvalid, 'the attestation signature is not 128 hex characters; decide again through the channel, which signs for you');
  }
  if (!signatureValid(a, publicKey, signature)) {
    return refuse(
      ErrorCode.AttestationInvalid,
      `the attestation signature does not match: it was not made with the ${a.channel} channel's key, or a field was changed after signing; decide again through the ${a.channel} channel`,
    );
  }
  const issuedMs = typeof a.issuedAt === 'string' ? Date.parse(a.issuedAt) : Number.NaN;
  if (Number.isNaN(issuedMs)) {
    return refuse(ErrorCode.AttestationInvalid, `the attestation's issuedAt ${shown(a.issuedAt)} is not an ISO 8601 time; the ${a.channel} channel must be fixed`);
  }
  if (typeof a.nonce !== 'string' || a.nonce.length < 16) {
    return refuse(ErrorCode.AttestationInvalid, `the attestation's nonce is shorter than 16 characters; the ${a.channel} channel must be fixed`);
  }

  const age = nowMs - issuedMs;
  // Written as !(x <= limit) so a NaN clock or limit refuses instead of letting anything through.
  if (!(-age <= maxSkewMs)) {
    return refuse(
      ErrorCode.AttestationStale,
      `this approval is dated ${humanDuration(age)} in the future, more than the ${humanDuration(maxSkewMs)} of clock difference allowed; check the clock of the ${a.channel} channel's host and decide again`,
    );
  }
  if (!(age <= maxAgeMs)) {
    return refuse(
      ErrorCode.AttestationStale,
      `this approval was signed ${humanDuration(age)} ago, and a signed decision is accepted for ${humanDuration(maxAgeMs)} only; decide again`,
    );
  }

  if (seenNonces.has(a.nonce)) {
    return refuse(
      ErrorCode.AttestationReplayed,
      `this signed decision (nonce ${a.nonce.slice(0, 8)}…) was already used for this action; each one counts once, so decide again to send a new one`,
    );
  }
  return { ok: true };
}
