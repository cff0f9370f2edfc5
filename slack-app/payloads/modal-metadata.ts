import { z } from 'zod';

/**
 * What a modal carries in private_metadata: the action, and the message the click came from, so
 * the outcome can be shown to the clicker there. Slack returns it unchanged in the signed
 * view_submission, and it is parsed like any other payload field.
 */
export const ModalMetadataSchema = z.object({
  actionId: z.string().min(1).max(200),
  /** The conversation of the message (channel or DM). */
  channel: z.string().min(1),
  action: z.string(),
  resource: z.string(),
  tier: z.number().int(),
});
export type ModalMetadata = z.infer<typeof ModalMetadataSchema>;
