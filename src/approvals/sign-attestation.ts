import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { formatIssues } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';
import { attestationMessage, type AttestationSubject } from './attestation.ts';
import { AttestationSchema, type Attestation } from './decision.ts';
import { bytesToHex, hexToBytes } from './hex-bytes.ts';

/**
 * Signs a decision with a channel's private key. A channel calls this only after it has
 * verified the person (Slack's signed request, the email token, the operator's key); the
 * workflow then checks the signature with the channel's public key.
 */
export function signAttestation(privateKeyHex: string, fields: AttestationSubject, now: Date = new Date()): Attestation {
  const secretKey = hexToBytes(privateKeyHex, 32);
  if (secretKey === undefined) {
    // The key itself never appears in the message.
    throw new CountersignError(
      ErrorCode.ChannelKeyInvalid,
      `the ${fields.channel} channel's private key is not 64 hex characters; check COUNTERSIGN_${fields.channel.toUpperCase()}_PRIVATE_KEY or its key file`,
    );
  }
  const unsigned = {
    actionId: fields.actionId,
    actionHash: fields.actionHash,
    approver: fields.approver,
    decision: fields.decision,
    channel: fields.channel,
    issuedAt: now.toISOString(),
    nonce: randomBytes(16).toString('hex'),
    ...(fields.confirm === true ? { confirm: true as const } : {}),
  };
  const signature = bytesToHex(ed25519.sign(attestationMessage(unsigned), secretKey));
  // Refuse here what the workflow would refuse anyway (a malformed hash, an empty approver),
  // so the channel shows the person a clear error instead of a refused update.
  const parsed = AttestationSchema.safeParse({ ...unsigned, signature });
  if (!parsed.success) {
    throw new CountersignError(
      ErrorCode.RequestInvalid,
      `cannot sign this ${fields.decision} for action ${fields.actionId}; fix these fields:\n${formatIssues(zodIssues(parsed.error))}`,
    );
  }
  return parsed.data;
}
