// The gateway's wire shapes, as its OpenAPI document (/v1/openapi.json) describes them. The
// server's zod schemas are the source; a type test in the Countersign repository keeps these equal.

export type Risk = 'low' | 'medium' | 'high' | 'destructive' | 'financial' | 'security';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What an agent asks for (seed 000's decision log). The key names the agent, so agentId may be left out. */
export interface ActionRequest {
  /** Optional: must be the key's own agent if given. */
  agentId?: string;
  taskId: string;
  /** As declared under `actions:` in the policy and in the agent's manifest. */
  action: string;
  resource: string;
  params?: Record<string, JsonValue>;
  draft?: string;
  decision: { reasoning: string; confidence: number; risk: Risk; alternatives?: string[] };
  context?: Record<string, JsonValue>;
  /** The same key twice is the same action, never a second one. */
  idempotencyKey?: string;
}

export type ActionState =
  | 'refused'
  | 'allowed'
  | 'started'
  | 'staged'
  | 'audited'
  | 'awaiting_approval'
  | 'approved'
  | 'publishing'
  | 'published'
  | 'rolling_back'
  | 'blocked'
  | 'failed'
  | 'rolled_back'
  | 'rollback_failed'
  | 'rejected'
  | 'expired'
  | 'killed';

export type ActionOutcome = 'published' | 'blocked' | 'failed' | 'rolled_back' | 'rollback_failed' | 'rejected' | 'expired' | 'killed' | 'allowed' | 'refused';

/** One action as `GET /v1/actions/{id}` answers it. */
export interface ActionView {
  actionId: string;
  agentId: string;
  taskId: string;
  action: string;
  resource: string;
  tier: number;
  rule: string;
  state: ActionState;
  /** Set once nothing more will happen; a published action's once its rollback window has closed. */
  outcome: ActionOutcome | null;
  reason: string | null;
  code: string | null;
  policyVersion: string;
  actionHash: string | null;
  createdAt: string;
  updatedAt: string;
  approval: {
    approvers: string[];
    quorum: number;
    deadline: string | null;
    approvals: Array<{ approver: string; channel: string; at: string }>;
    rejectedBy: string | null;
  } | null;
  findings: Array<{ type: string; location: string; start: number; end: number; mode: string }>;
  receipts: Array<{ step: 'publish' | 'compensate'; executor: string; reference: string }>;
  rollbackWindow: { closesAt: string; open: boolean } | null;
}

export interface AllowedAnswer {
  kind: 'allowed';
  actionId: string;
  agentId: string;
  tier: number;
  rule: string;
  state: 'allowed';
  links: { self: string };
}

export interface GovernedAnswer {
  kind: 'governed';
  actionId: string;
  agentId: string;
  tier: number;
  rule: string;
  state: string;
  links: { self: string };
}

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; rule?: string; issues?: FieldIssue[]; retryAfterSeconds?: number };
}
