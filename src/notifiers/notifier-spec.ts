import { z } from 'zod';
import { DurationSchema } from '../policy/parse-duration.ts';

/** The notifiers an action's events may go to; Slack and email join later. */
export const NotifierNameSchema = z.enum(['log', 'webhook']);
export type NotifierName = z.infer<typeof NotifierNameSchema>;

/** A webhook that receives every approval event as a JSON POST. */
export const WebhookSpecSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    /** Header values may name variables (`Authorization: Bearer ${HOOK_TOKEN}`), resolved per delivery. */
    headers: z.record(z.string(), z.string()).default({}),
    /** How long one delivery may take before it counts as failed and is retried. */
    timeout: DurationSchema.default(10_000),
  })
  .strict();
export type WebhookSpec = z.infer<typeof WebhookSpecSchema>;

/** The policy file's `notifiers:` section. The log notifier needs no settings and is always on. */
export const NotifiersSpecSchema = z
  .object({
    webhook: WebhookSpecSchema.optional(),
  })
  .strict()
  .default({});
export type NotifiersSpec = z.infer<typeof NotifiersSpecSchema>;
