// Pure: text that goes into Slack mrkdwn. Agent-written text (reasoning, drafts) is escaped, so
// `<!channel>` or a fake `<@U…>` in it stays text.

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A time every reader sees in their own time zone, falling back to ISO 8601. */
export function slackDate(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString()}>`;
}
