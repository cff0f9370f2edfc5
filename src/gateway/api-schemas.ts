import { z } from 'zod';
import { ActionRequestSchema, storableText } from '../action/action-request.ts';

// The gateway's wire shapes besides the action view: what an agent sends and what it gets back.
// The OpenAPI document (openapi.ts) is generated from these same schemas.

/** `POST /v1/actions`: the action request; the agent comes from the key, so agentId may be left out. */
export const SubmitActionBodySchema = ActionRequestSchema.extend({
  /** Optional: the key names the agent. A body that names another agent is refused. */
  agentId: ActionRequestSchema.shape.agentId.optional(),
});
export type SubmitActionBody = z.infer<typeof SubmitActionBodySchema>;

const links = z.object({ self: z.string() });
const StartedSchema = z.object({ actionId: z.string(), agentId: z.string(), rule: z.string(), links });

/** Tier 0–1: allowed at once and audited; the agent performs the action itself. */
export const AllowedAnswerSchema = StartedSchema.extend({
  kind: z.literal('allowed'),
  tier: z.number().int().min(0).max(1),
  state: z.literal('allowed'),
});

/** Tier 2+: accepted for governance; Countersign publishes it, or not. Read its status at links.self. */
export const GovernedAnswerSchema = StartedSchema.extend({
  kind: z.literal('governed'),
  tier: z.number().int().min(2).max(4),
  state: z.string(),
});

export const StartAnswerSchema = z.discriminatedUnion('kind', [AllowedAnswerSchema, GovernedAnswerSchema]);
export type StartAnswer = z.infer<typeof StartAnswerSchema>;

/** Every error the API answers: a stable code, what to do, and where it applies the rule or fields. */
export const ApiErrorSchema = z.object({
  error: z.object({
    /** Stable snake_case code (`policy_not_in_manifest`, `request_invalid`, `api_key_revoked`, …). */
    code: z.string(),
    /** What happened and what to do, in words. */
    message: z.string(),
    /** For a policy refusal: the policy entry that refused (`manifest`, `blacklist.resources`, …). */
    rule: z.string().optional(),
    /** For an invalid request: every bad field by its dotted path. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** For 429: seconds until a request may succeed (also the Retry-After header). */
    retryAfterSeconds: z.number().int().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** An error answer of the API (the gateway's and the server's own refusals alike). */
export function apiError(code: string, message: string, extra: Omit<ApiError['error'], 'code' | 'message'> = {}): ApiError {
  return { error: { code, message, ...extra } };
}

/**
 * `POST /v1/actions/{id}/rollback`: why the agent asks to undo its own published action. The
 * workflow writes the reason to the audit trail, so what PostgreSQL cannot store is refused here
 * (else that step would fail on every retry).
 */
export const RollbackBodySchema = z
  .object({ reason: z.string().trim().min(1, 'give a reason for the rollback').max(2_000).pipe(storableText(2_000)) })
  .strict();

export const RollbackAnswerSchema = z.object({
  actionId: z.string(),
  /** The rollback runs in the action's workflow; follow it at links.self until the outcome is rolled_back. */
  message: z.string(),
  links,
});

/** Longest a `?wait=` long poll holds a request, in seconds; clients ask again for longer. */
export const MAX_WAIT_SECONDS = 60;

/** `GET /v1/actions/{id}` query: with `wait`, answer at once if the state is not `state`, else when the action changes (a new state, its window closing) or the wait ends. */
export const GetActionQuerySchema = z
  .object({
    wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).optional(),
    state: z.string().max(64).optional(),
  })
  .strict();

export const ActionIdParamsSchema = z.object({ id: z.string().min(1).max(200) });
