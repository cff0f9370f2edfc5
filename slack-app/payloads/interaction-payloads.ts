import { z } from 'zod';
import { ModalMetadataSchema, type ModalMetadata } from './modal-metadata.ts';

// The fields of Slack's payloads this app reads. Bolt has checked the request's signature; the
// shape is still parsed, as at every boundary.

const ButtonClickSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  /** Buttons live in our approval messages, so the click comes with their conversation. */
  channel: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1).max(200) })).min(1),
});

export interface ButtonClick {
  slackUserId: string;
  triggerId: string;
  channel: string;
  actionId: string;
}

export function parseButtonClick(body: unknown): ButtonClick {
  const click = ButtonClickSchema.parse(body);
  const [action] = click.actions;
  // min(1) above: the first action is there.
  if (!action) throw new Error('a button click without actions');
  return { slackUserId: click.user.id, triggerId: click.trigger_id, channel: click.channel.id, actionId: action.value };
}

const InputValueSchema = z
  .object({
    value: z.string().nullish(),
    selected_options: z.array(z.object({ value: z.string() }).loose()).optional(),
  })
  .loose();

const ViewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputValueSchema)) }),
  }),
});

export interface ViewSubmission {
  slackUserId: string;
  metadata: ModalMetadata;
  /** The text of an input (block id = action id, as our modals build them), trimmed. */
  text(id: string): string | undefined;
  /** The values ticked in a checkbox input. */
  ticked(id: string): string[];
}

export function parseViewSubmission(body: unknown): ViewSubmission {
  const submission = ViewSubmissionSchema.parse(body);
  const metadata = ModalMetadataSchema.parse(JSON.parse(submission.view.private_metadata));
  const input = (id: string) => submission.view.state.values[id]?.[id];
  return {
    slackUserId: submission.user.id,
    metadata,
    text: (id) => input(id)?.value?.trim() || undefined,
    ticked: (id) => input(id)?.selected_options?.map((o) => o.value) ?? [],
  };
}
