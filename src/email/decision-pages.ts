import type { DecisionKind } from '../approvals/decision.ts';
import { escapeHtml } from './escape-html.ts';

// Pure: the pages an approval link shows. No scripts at all, so nothing ever submits itself;
// the server's Content-Security-Policy forbids them as well.

export interface ActionSummary {
  actionId: string;
  action: string;
  resource: string;
  agentId: string;
  taskId: string;
  tier: number;
  reasoning: string;
  confidence: number;
  risk: string;
  deadline: string;
  actionHash: string;
  /** Who the link was sent to: the person deciding. */
  approver: string;
}

export interface ConfirmationForm {
  decision: DecisionKind;
  csrf: string;
  issued: string;
  /** Tier 4: approving needs the explicit confirmation box ticked. */
  confirmRequired: boolean;
  /** Shown above the form when a first submit was incomplete. */
  notice?: string;
}

const STYLE =
  'body{font-family:sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.4}th{text-align:left;vertical-align:top;padding-right:1rem}td{word-break:break-word}button{font-size:1.1rem;padding:.6rem 1.4rem;border:0;color:#fff;cursor:pointer}.approve{background:#1a7f37}.reject{background:#cf222e}.notice{background:#fff8c5;padding:.6rem}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} – Countersign</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** A page that only tells: an outcome, a refusal, a link that cannot decide. */
export function messagePage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}

function summaryTable(s: ActionSummary): string {
  const rows: Array<[string, string]> = [
    ['Action', s.action],
    ['Resource', s.resource],
    ['Agent', `${s.agentId} (task ${s.taskId})`],
    ['Tier', String(s.tier)],
    ["Agent's reasoning", s.reasoning],
    ['Confidence / risk', `${Math.round(s.confidence * 100)}% / ${s.risk}`],
    ['Deadline', s.deadline],
    ['Action hash', s.actionHash],
    ['Deciding as', s.approver],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** What opening a link shows: the action and one button; only pressing it decides. */
export function confirmationPage(summary: ActionSummary, form: ConfirmationForm): string {
  const approve = form.decision === 'approve';
  const title = approve ? 'Approve this action?' : 'Reject this action?';
  const notice = form.notice ? `<p class="notice">${escapeHtml(form.notice)}</p>` : '';
  const confirm =
    approve && form.confirmRequired
      ? '<p><label><input type="checkbox" name="confirm" value="yes" required> I confirm this destructive action (tier 4)</label></p>'
      : '';
  const field = approve ? 'Comment (optional)' : 'Reason (optional)';
  const body = `${notice}${summaryTable(summary)}
<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(form.csrf)}">
<input type="hidden" name="issued" value="${escapeHtml(form.issued)}">
<p><label>${field}<br><textarea name="comment" rows="3" cols="60" maxlength="2000"></textarea></label></p>
${confirm}<p><button type="submit" class="${form.decision}">${approve ? 'Approve' : 'Reject'}</button></p>
</form>
<p>Nothing is decided until you press the button. This page and its link are for ${escapeHtml(summary.approver)} only and work once.</p>`;
  return page(title, body);
}
