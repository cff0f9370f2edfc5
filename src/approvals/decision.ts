import { z } from 'zod';

// The arguments of the `approve` and `reject` updates. Anyone who can reach Temporal can send
// them (the Temporal UI sends any JSON), so the validator parses with these schemas before it
// reads a field. Pure: imported by workflow code.

/** The channels that may carry a decision; each holds its own Ed25519 signing key. */
export const ChannelSchema = z.enum(['slack', 'email', 'cli', 'http']);
export type Channel = z.infer<typeof ChannelSchema>;

export const DecisionKindSchema = z.enum(['approve', 'reject']);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

const personId = z.string().min(1).max(200);

/**
 * What a channel signs after it has verified the person (Slack's signed request and user id,
 * the email token, the operator's key). The workflow checks it against the channel's public key.
 */
export const AttestationSchema = z
  .object({
    actionId: z.string().min(1).max(200),
    /** The canonical action hash the person saw (sha256, lowercase hex). */
    actionHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected the 64 lowercase hex characters of the action hash'),
    /** The verified person's id, as the policy names approvers. */
    approver: personId,
    decision: DecisionKindSchema,
    /** The channel whose key made the signature. */
    channel: ChannelSchema,
    /** When the channel signed, ISO 8601 (`2025-01-31T12:00:00.000Z`); old attestations are refused. */
    issuedAt: z.iso.datetime({ offset: true }),
    /** Tier 4: the channel saw the person confirm the destructive action; signed, so it cannot be added later. */
    confirm: z.literal(true).optional(),
    /** Random, unique per attestation; a nonce seen before is a replay. */
    nonce: z.string().min(16).max(128),
    /** Ed25519 signature over `attestationMessage(fields)`, 128 hex characters. */
    signature: z.string().regex(/^[0-9a-fA-F]{128}$/, 'expected an Ed25519 signature as 128 hex characters'),
  })
  .strict();
export type Attestation = z.infer<typeof AttestationSchema>;

/** The argument of the `approve` and `reject` updates. */
export const DecisionSchema = z
  .object({
    /** The deciding person's id. */
    approver: personId,
    channel: ChannelSchema,
    comment: z.string().max(2_000).optional(),
    /** Why a reject (or an approve) was given; shown in the status and the audit trail. */
    reason: z.string().max(2_000).optional(),
    /** Tier 4: the person explicitly confirmed the destructive action. */
    confirm: z.boolean().optional(),
    // Optional here so a decision without one (typed into the Temporal UI) parses and the
    // validator refuses it with a sentence instead of a schema error.
    attestation: AttestationSchema.optional(),
  })
  .strict();
export type Decision = z.infer<typeof DecisionSchema>;
