import { z } from 'zod';
import { DurationSchema } from '../policy/parse-duration.ts';

/**
 * The notifiers an action's events may go to. `email` needs no section here:
 * the worker has it when SMTP_URL is set, and mails the approvers' `email` addresses.
 */
export const NotifierNameSchema = z.enum(['log', 'webhook', 'email', 'slack']);
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

/**
 * Slack approval messages (slack-app/): in one channel, by DM to each approver with a `slack_id`,
 * or both. The worker needs SLACK_BOT_TOKEN; clicks reach the Slack app process.
 */
export const SlackSpecSchema = z
  .object({
    /** Channel id (`C0123ABCD`, from the channel's details); invite the app to it. */
    channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, { error: 'expected a Slack channel id like C0123ABCD (channel details → copy channel ID)' }).optional(),
    /** DM each approver (never the agent's owner) who has a `slack_id` under people. */
    dm: z.boolean().default(false),
    /** Deliveries of one event before it counts as failed and the request escalates (the notify activity makes at most 8). */
    attempts: z.number().int().min(1).max(8).default(5),
  })
  .strict()
  .refine((s) => s.channel !== undefined || s.dm, { error: 'name a channel: C0123ABCD, or set dm: true' });
export type SlackSpec = z.infer<typeof SlackSpecSchema>;

/** The policy file's `notifiers:` section. The log notifier needs no settings and is always on. */
export const NotifiersSpecSchema = z
  .object({
    webhook: WebhookSpecSchema.optional(),
    slack: SlackSpecSchema.optional(),
  })
  .strict()
  .default({});
export type NotifiersSpec = z.infer<typeof NotifiersSpecSchema>;
