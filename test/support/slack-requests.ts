import { createHmac } from 'node:crypto';

// Requests as Slack sends them to the app: form-encoded, signed with the signing secret
// (`v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`).

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with this secret instead (a forgery). */
  secret?: string;
}

export interface AppAnswer {
  status: number;
  body: string;
  ms: number;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a signed request to the app's receiver and times its answer (Slack waits 3 s). */
export async function postSigned(url: string, secret: string, body: string, options: SignOptions = {}): Promise<AppAnswer> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}

const team = { id: 'T0TEST001', domain: 'acme' };

function interaction(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

interface ClickInput {
  user: string;
  actionId: string;
  value: string;
  channel: string;
  ts: string;
}

/** A click on a button of a message the app posted, form-encoded as Slack posts it over HTTP. */
export function buttonClick(input: ClickInput): string {
  return interaction(buttonClickPayload(input));
}

/** The same click as the payload object, as Socket Mode carries it in an envelope. */
export function buttonClickPayload(input: ClickInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    team,
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team.id },
    api_app_id: 'A0COUNTER',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${input.user}-${Date.now()}`,
    container: { type: 'message', message_ts: input.ts, channel_id: input.channel, is_ephemeral: false },
    channel: { id: input.channel, name: 'approvals' },
    message: { type: 'message', ts: input.ts, text: 'approval' },
    response_url: 'https://hooks.slack.invalid/actions/1',
    actions: [{ type: 'button', action_id: input.actionId, block_id: 'countersign_decide', value: input.value, action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: 'x' } }],
  };
}

/** The submission of a modal the app opened, with its private_metadata and input values. */
export function viewSubmission(input: { user: string; callbackId: string; privateMetadata: string; values: Record<string, Record<string, unknown>> }): string {
  return interaction({
    type: 'view_submission',
    team,
    user: { id: input.user, username: input.user.toLowerCase(), team_id: team.id },
    api_app_id: 'A0COUNTER',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${input.user}-${Date.now()}`,
    view: {
      id: 'V0MODAL01',
      team_id: team.id,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      state: { values: Object.fromEntries(Object.entries(input.values).map(([id, value]) => [id, { [id]: value }])) },
      hash: '1700000000.abc',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
      app_id: 'A0COUNTER',
      bot_id: 'B0COUNTER',
    },
  });
}

/** The slash command as Slack posts it. */
export function slashCommand(input: { user: string; text: string; responseUrl: string; channel?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: team.id,
    team_domain: team.domain,
    channel_id: input.channel ?? 'C0OPS0001',
    channel_name: 'ops',
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: '/countersign',
    text: input.text,
    api_app_id: 'A0COUNTER',
    response_url: input.responseUrl,
    trigger_id: `trigger-${input.user}-${Date.now()}`,
  }).toString();
}
