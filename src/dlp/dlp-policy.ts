import { z } from 'zod';

/** What a finding does to the action: stop it, publish it redacted, or only record it. */
export const DlpModeSchema = z.enum(['block', 'redact', 'warn']);
export type DlpMode = z.infer<typeof DlpModeSchema>;

/**
 * One allowlist entry: a finding it matches is not a finding. Every condition given must hold,
 * so `{rule: email, resource: "github.com/acme/docs/**"}` allows addresses in one repository only.
 */
export const DlpAllowEntrySchema = z
  .object({
    /** The finding's rule id (`email`, `aws-access-key-id`). */
    rule: z.string().min(1).optional(),
    /** The finding's type or one of its groups (`email`, `pii`). */
    type: z.string().min(1).optional(),
    /** sha256 hex of the exact value: the finding's `valueHash`, so a known test fixture can pass without writing it down. */
    valueSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** A picomatch glob over the action's `resource` (`github.com/acme/docs/**`). */
    resource: z.string().min(1).optional(),
    /** Why it is allowed, for the people reading the policy and the audit trail. */
    reason: z.string().optional(),
  })
  .strict();
export type DlpAllowEntry = z.infer<typeof DlpAllowEntrySchema>;

/**
 * The DLP settings an action runs with (the action plan carries them through the workflow).
 * A finding's mode is the first of: `types[type]`, `types[group]`, `default`, the type's own
 * default (secrets block, email redacts, IP addresses warn).
 */
export const DlpPolicySchema = z
  .object({
    default: DlpModeSchema.optional(),
    types: z.record(z.string(), DlpModeSchema).default({}),
    allow: z.array(DlpAllowEntrySchema).default([]),
    /** Report IP addresses too; off by default, since logs and configs are full of them. */
    ipAddresses: z.boolean().default(false),
  })
  .strict();
export type DlpPolicy = z.infer<typeof DlpPolicySchema>;
/** As a plan in Temporal's history may hold it: recorded before `allow` and `ipAddresses` existed. */
export type DlpPolicyInput = z.input<typeof DlpPolicySchema>;
