import { z } from 'zod';
import { RequestInvalidError } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';

// PostgreSQL text and jsonb cannot hold NUL or half a surrogate pair; refuse them here with a
// clear message instead.
const NUL = 'must not contain NUL (\\u0000) characters';
const UNPAIRED = 'must be well-formed Unicode (no unpaired surrogate \\ud800–\\udfff)';
/** A string PostgreSQL can store as sent (no NUL, no unpaired surrogate), at most `max` long. */
export const storableText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), NUL)
    .refine((s) => s.isWellFormed(), UNPAIRED);

/** How deeply params and context may nest; deeper JSON is refused before it is walked. */
export const MAX_JSON_DEPTH = 32;

/** The first string or key in a JSON value that PostgreSQL cannot store, or that nests too deep. */
function jsonProblem(value: unknown, depth = 0): { path: PropertyKey[]; message: string } | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path: [], message: NUL };
    if (!value.isWellFormed()) return { path: [], message: UNPAIRED };
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return { path: [], message: `nests deeper than ${MAX_JSON_DEPTH} levels; flatten it` };
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = jsonProblem(key, depth + 1);
    if (keyProblem) return { path: [key], message: `key ${keyProblem.message}` };
    const inner = jsonProblem(item, depth + 1);
    if (inner) return { path: [Array.isArray(value) ? Number(key) : key, ...inner.path], message: inner.message };
  }
  return undefined;
}

/** A JSON object of the agent's (params, context) that PostgreSQL's jsonb can store as sent. */
const storableJson = z.preprocess((value, ctx) => {
  const problem = jsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: value });
  return value;
}, z.record(z.string(), z.json()));
const identifier = storableText(200).pipe(z.string().min(1, 'must not be empty'));

/** How risky the agent judges the action; the policy's decision matrix reads it (seed 000). */
export const RiskSchema = z.enum(['low', 'medium', 'high', 'destructive', 'financial', 'security']);
export type Risk = z.infer<typeof RiskSchema>;

export const MAX_DRAFT_BYTES = 1_000_000;

/** The agent's decision log for one action (seed 000, "The Agent Decision Log"). */
export const ActionRequestSchema = z
  .object({
    /** The agent's id, as declared under `agents:` in the policy. */
    agentId: identifier,
    /** The task this action serves, for correlation (`task-fix-issue-123`). */
    taskId: identifier,
    /** The action's name, as declared under `actions:` in the policy (`create_pull_request`). */
    action: identifier.pipe(
      z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits and _ . : - only (as in the policy file)'),
    ),
    /** What the action touches (`github.com/acme/api/pull/42`); blacklists match it by glob. */
    resource: storableText(2048).pipe(z.string().min(1, 'must not be empty')),
    /** Executor parameters; string values are scanned by DLP like the draft. */
    params: storableJson.default({}),
    /** The content to publish (PR body, message, diff); scanned before anything is published. */
    draft: storableText(MAX_DRAFT_BYTES).default(''),
    decision: z.object({
      reasoning: storableText(20_000).pipe(z.string().min(1, 'say why the agent chose this action')),
      /** 0..1; the decision matrix compares it with its threshold. */
      confidence: z.number().min(0).max(1),
      risk: RiskSchema,
      alternatives: z.array(storableText(2_000)).max(50).optional(),
    }),
    context: storableJson.optional(),
    /** The same key twice gives the same action and the same answer, never a second one. */
    idempotencyKey: identifier.optional(),
  })
  .strict();

export type ActionRequest = z.infer<typeof ActionRequestSchema>;
export type ActionRequestInput = z.input<typeof ActionRequestSchema>;

/** Parses an agent's request; throws RequestInvalidError naming every bad field. */
export function parseActionRequest(input: unknown): ActionRequest {
  const parsed = ActionRequestSchema.safeParse(input);
  if (!parsed.success) throw new RequestInvalidError(zodIssues(parsed.error));
  return parsed.data;
}
