import { z } from 'zod';

/** What a finding does to the action: stop it, publish it redacted, or only record it. */
export const DlpModeSchema = z.enum(['block', 'redact', 'warn']);
export type DlpMode = z.infer<typeof DlpModeSchema>;

/**
 * The DLP settings an action runs with: a default mode and overrides per finding type
 * (`email: redact`). Set at the top of the policy file and overridable per action.
 */
export const DlpPolicySchema = z
  .object({
    default: DlpModeSchema.default('block'),
    types: z.record(z.string(), DlpModeSchema).default({}),
  })
  .strict();
export type DlpPolicy = z.infer<typeof DlpPolicySchema>;
