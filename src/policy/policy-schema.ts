import { z } from 'zod';
import { RiskSchema } from '../action/action-request.ts';
import { DlpOverrideSectionSchema, DlpSectionSchema } from '../dlp/dlp-policy-section.ts';
import { PolicyExecutorSpecSchema } from '../executors/executor-spec.ts';
import { NotifierNameSchema, NotifiersSpecSchema } from '../notifiers/notifier-spec.ts';
import { DurationSchema } from './parse-duration.ts';
import { EscalationSchema, ReminderSchema } from './approval-timers.ts';
import { parseClock } from './operating-hours.ts';
import { checkPolicyReferences, defaultQuorum } from './policy-references.ts';
import {
  actionName,
  fraction,
  glob,
  identifier,
  list,
  map,
  oneOf,
  section,
  shown,
  text,
  wholeNumber,
} from './policy-fields.ts';

const HOUR_MS = 3_600_000;
export const DEFAULT_APPROVAL_TIMEOUT_MS = 4 * HOUR_MS;
export const DEFAULT_ROLLBACK_WINDOW_MS = 24 * HOUR_MS;

/** 0 read-only, 1 low-impact write, 2 medium write, 3 high-impact (approval), 4 destructive (quorum). */
export const TierSchema = wholeNumber(0, 4);

const PersonSchema = section({
  name: text(),
  /** The Slack user id that may decide for this person in Slack (`U0123ABCD`). */
  slack_id: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, { error: 'expected a Slack user id like U0123ABCD (profile → Copy member ID)' })
    .optional(),
  email: z.email({ error: 'expected an email address like alice@example.com' }).optional(),
});

const AgentSchema = section({
  /** The person answerable for the agent; they may never approve its actions. */
  owner: identifier('person'),
  /** The agent build the policy was written for (`1.4.0`); YAML reads `1.4` as a number, so accept both. */
  version: z
    .union([z.string().min(1), z.number()], { error: 'expected a version like "1.4.0"' })
    .transform(String),
  description: text().optional(),
  /** The tool manifest (seed 004): action names or globs this agent may request at all. */
  actions: list(glob()).min(1, { error: 'list at least one action; an agent with none can do nothing' }),
});

const ActionSchema = section({
  tier: TierSchema,
  description: text().optional(),
  /** Required for tier ≥ 2; also used when the decision matrix raises a lower tier to 2+. */
  executor: PolicyExecutorSpecSchema.optional(),
  /** Group names; required for tier ≥ 3, and used when the decision matrix raises a lower tier to 3+. */
  approvers: list(identifier('group')).min(1, { error: 'list at least one approver group' }).optional(),
  /** Distinct approvers needed; 1 by default, 2 for tier 4. */
  quorum: wholeNumber(1).optional(),
  approval_timeout: DurationSchema.default(DEFAULT_APPROVAL_TIMEOUT_MS),
  rollback_window: DurationSchema.default(DEFAULT_ROLLBACK_WINDOW_MS),
  /** Present: the workflow waits this long for a passing `ciResult` after publishing, else rolls back. */
  ci: section({ timeout: DurationSchema }).optional(),
  /** Overrides the top-level `dlp:` for this action (modes by type; `allow` entries add to the top-level ones). */
  dlp: DlpOverrideSectionSchema.optional(),
  /** Where this action's approval events go (requested, reminder, decided, expired, published, rolled back). */
  notify: list(oneOf(NotifierNameSchema.options)).default(['log']),
  /** When to remind approvers who have not decided: shares of approval_timeout ("50%") or durations ("2h"). */
  reminders: list(ReminderSchema).default([]),
  /** Where the approval request goes next when a notifier fails or nobody decides in time. */
  escalate: EscalationSchema.optional(),
});

const RateLimitSchema = section({ count: wholeNumber(1), window: DurationSchema });

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof DAYS)[number];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const clock = (allowEndOfDay: boolean) =>
  z.string({ error: (issue) => `expected a time like "09:00", got ${shown(issue.input)}` }).refine(
    (value) => {
      const minutes = parseClock(value);
      return minutes !== undefined && (allowEndOfDay || minutes < 24 * 60);
    },
    { error: allowEndOfDay ? 'expected HH:MM from 00:00 to 24:00' : 'expected HH:MM from 00:00 to 23:59' },
  );

/** When agents may act; an `end` before `start` is an overnight window (22:00–06:00). */
const OperatingHoursSchema = section({
  timezone: z
    .string({ error: 'expected an IANA time zone like Europe/Berlin or UTC' })
    .refine(isTimeZone, { error: 'unknown time zone; use an IANA name like Europe/Berlin, America/New_York or UTC' }),
  days: list(oneOf(DAYS)).min(1, { error: 'list at least one day, or remove operating_hours to allow every day' }).default([...DAYS]),
  start: clock(false),
  /** Exclusive; `24:00` is the end of the day. */
  end: clock(true),
}).refine(
  (hours) => {
    const start = parseClock(hours.start);
    const end = parseClock(hours.end);
    // A malformed clock already has its own error.
    return start === undefined || end === undefined || start !== end;
  },
  {
    error: 'start and end are the same time; for a whole day use start: "00:00" and end: "24:00"',
    path: ['end'],
  },
);

const MatrixOutcomeSchema = z.union([z.enum(['proceed', 'refuse']), section({ min_tier: TierSchema })], {
  error: (issue) => `expected proceed, refuse or {min_tier: 0..4}, got ${shown(issue.input)}`,
});
export type MatrixOutcome = z.infer<typeof MatrixOutcomeSchema>;

/** Seed 000's decision matrix: the agent's confidence × the risk it declares; it may raise a tier or refuse. */
const DecisionMatrixSchema = section({
  /** Confidence strictly above this is "high". */
  confidence_threshold: fraction(0, 1).default(0.8),
  /** The declared risks counted as "high". */
  high_risk: list(oneOf(RiskSchema.options)).default(['high', 'destructive', 'financial', 'security']),
  high_confidence_low_risk: MatrixOutcomeSchema.default('proceed'),
  high_confidence_high_risk: MatrixOutcomeSchema.default({ min_tier: 3 }),
  low_confidence_low_risk: MatrixOutcomeSchema.default({ min_tier: 2 }),
  low_confidence_high_risk: MatrixOutcomeSchema.default('refuse'),
});

/**
 * The governance file (`COUNTERSIGN_POLICY`, YAML, snake_case keys). See countersign.example.yaml
 * for every key with comments. Cross-references (owners, group members, approver groups, quorums,
 * executors) are checked even when other fields are wrong, so one run lists every error.
 */
export const PolicySchema = section({
  version: z.literal(1, { error: (issue) => `expected 1 (the policy format version), got ${shown(issue.input)}` }),
  name: text().optional(),
  people: map(identifier('person'), PersonSchema).default({}),
  approver_groups: map(
    identifier('group'),
    list(identifier('person')).min(1, { error: 'list at least one person id' }),
  ).default({}),
  /** People who may send operator commands (kill, resume) from any channel. */
  operators: list(identifier('person')).default([]),
  agents: map(identifier('agent'), AgentSchema).default({}),
  /** Known actions; a request for any other action is tier 4 and can never publish. */
  actions: map(actionName(), ActionSchema).default({}),
  /** Finding modes (per type, a default), the allowlist, and whether to report IP addresses. */
  dlp: DlpSectionSchema.prefault({}),
  rate_limits: section({
    agents: map(identifier('agent'), RateLimitSchema).default({}),
    actions: map(actionName(), RateLimitSchema).default({}),
  }).prefault({}),
  blacklist: section({
    /** Action names or globs no agent may request. */
    actions: list(glob()).default([]),
    /** Resource globs (`github.com/owner/**`) no action may touch; matched ignoring case. */
    resources: list(glob()).default([]),
  }).prefault({}),
  /** Absent: always open. */
  operating_hours: OperatingHoursSchema.optional(),
  /** Settings of the notifiers actions name in `notify:`; `log` needs none. */
  notifiers: NotifiersSpecSchema,
  approvals: section({
    /** How old a channel's signed decision may be when it reaches the workflow. */
    attestation_max_age: DurationSchema.default(10 * 60_000),
  }).prefault({}),
  decision_matrix: DecisionMatrixSchema.prefault({}),
})
  .superRefine(checkPolicyReferences, {
    // Run even when fields are malformed: the check reads defensively, and the author then sees
    // every error at once instead of fixing them one run at a time.
    when: () => true,
  })
  // Defaults applied after the checks, so that they can tell a defaulted quorum from a written one.
  .transform((policy) => ({
    ...policy,
    actions: Object.fromEntries(
      Object.entries(policy.actions).map(([name, entry]) => [
        name,
        { ...entry, quorum: entry.quorum ?? defaultQuorum(entry.tier) },
      ]),
    ),
  }));

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type AgentEntry = Policy['agents'][string];
export type ActionEntry = Policy['actions'][string];
export type RateLimitEntry = Policy['rate_limits']['agents'][string];
export type OperatingHours = z.infer<typeof OperatingHoursSchema>;
export type DecisionMatrix = Policy['decision_matrix'];
