import type { ApprovalEvent } from '../notifiers/approval-event.ts';
import { escapeHtml } from './escape-html.ts';

// Pure: the text and HTML of approval mails. Facts as the Slack message shows them; links that
// open a confirmation page (a mail scanner following them decides nothing).

export type RequestFacts = Extract<ApprovalEvent, { kind: 'requested' | 'reminder' }>;

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

export interface RequestMailInput {
  facts: RequestFacts;
  /** The recipient's name from the policy. */
  name: string;
  links: { approve: string; reject: string };
  /** Why this request came by email after another route (a failed webhook, no decision in time). */
  escalated?: string;
}

const MAX_REASONING = 2_000;

function factRows(f: RequestFacts): Array<[string, string]> {
  const reasoning = f.reasoning.length > MAX_REASONING ? `${f.reasoning.slice(0, MAX_REASONING)}…` : f.reasoning;
  return [
    ['Action', f.action],
    ['Resource', f.resource],
    ['Agent', `${f.agentId} (task ${f.taskId})`],
    ['Tier', `${f.tier} (${f.rule})`],
    ["Agent's reasoning", reasoning],
    ['Confidence / risk', `${Math.round(f.confidence * 100)}% / ${f.risk}`],
    ['DLP findings', f.findings.length ? f.findings.map((x) => `${x.type} in ${x.location}`).join(', ') : 'none'],
    ['Needed', `${f.quorum} of ${f.approvers.join(', ')}`],
    ['Deadline', `${f.deadline} (no decision by then is a rejection)`],
    ['Action hash', f.actionHash],
  ];
}

const LINK_NOTE = 'Each link opens a page that shows the action and asks you to confirm; nothing is decided until you press its button. The links are yours alone, work once, and expire at the deadline.';

function htmlPage(title: string, paragraphs: string[], rows: Array<[string, string]>, links?: RequestMailInput['links']): string {
  const table = rows.length
    ? `<table cellpadding="4" style="border-collapse:collapse">${rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`
    : '';
  const buttons = links
    ? `<p><a href="${escapeHtml(links.approve)}" style="padding:8px 16px;background:#1a7f37;color:#fff;text-decoration:none">Approve…</a>&nbsp;&nbsp;<a href="${escapeHtml(links.reject)}" style="padding:8px 16px;background:#cf222e;color:#fff;text-decoration:none">Reject…</a></p><p style="color:#555">${escapeHtml(LINK_NOTE)}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:sans-serif"><h2>${escapeHtml(title)}</h2>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${table}${buttons}</body></html>`;
}

function textBody(paragraphs: string[], rows: Array<[string, string]>, links?: RequestMailInput['links']): string {
  const lines = [...paragraphs, '', ...rows.map(([k, v]) => `${k}: ${v}`)];
  if (links) lines.push('', `Approve: ${links.approve}`, `Reject:  ${links.reject}`, '', LINK_NOTE);
  return `${lines.join('\n')}\n`;
}

/** The approval request, a reminder of it, or its escalation to email. */
export function requestMail(input: RequestMailInput): Mail {
  const { facts, name, links, escalated } = input;
  const what = `${facts.action} on ${facts.resource}`;
  const reminder = facts.kind === 'reminder';
  const subject = `${reminder ? 'Reminder: approval' : escalated ? 'Escalated: approval' : 'Approval'} needed: ${what}`;
  const paragraphs = [
    `Hello ${name},`,
    reminder
      ? `the agent ${facts.agentId} still waits for your decision on ${what}; it expires at ${facts.deadline}.`
      : `the agent ${facts.agentId} asks to perform ${what}. You are one of its approvers.`,
    ...(escalated ? [`This request reaches you by email because ${escalated}.`] : []),
  ];
  const rows = factRows(facts);
  return { subject, text: textBody(paragraphs, rows, links), html: htmlPage(subject, paragraphs, rows, links) };
}

/** The closing message at the deadline: nothing was published, the links are dead. */
export function closingMail(input: { name: string; action: string; resource: string; actionId: string; deadline: string }): Mail {
  const what = `${input.action} on ${input.resource}`;
  const subject = `Expired: ${what}`;
  const paragraphs = [
    `Hello ${input.name},`,
    `the approval request for ${what} (action ${input.actionId}) expired at ${input.deadline} without enough approvals. Expiry is a rejection: nothing was published, and the links in earlier mails no longer work. The agent must ask again.`,
  ];
  return { subject, text: textBody(paragraphs, []), html: htmlPage(subject, paragraphs, []) };
}
