import { z } from 'zod';
import { glob, list, map, oneOf, section, shown, text } from '../policy/policy-fields.ts';
import { DlpModeSchema, type DlpAllowEntry, type DlpPolicy } from './dlp-policy.ts';
import { POLICY_TYPE_NAMES } from './finding-types.ts';
import { DLP_RULES } from './rules.ts';

const RULE_IDS: ReadonlySet<string> = new Set(DLP_RULES.map((rule) => rule.id));
const sorted = (names: Iterable<string>) => [...names].sort().join(', ');

const mode = () => oneOf(DlpModeSchema.options);

const typeName = () =>
  z.string({ error: (issue) => `expected a finding type, got ${shown(issue.input)}` }).refine((name) => POLICY_TYPE_NAMES.has(name), {
    error: (issue) => `unknown finding type ${shown(issue.input)}; use one of: ${sorted(POLICY_TYPE_NAMES)}`,
  });

const AllowEntrySchema = section({
  /** A rule id (`email`, `aws-access-key-id`); see the README's DLP section. */
  rule: z
    .string({ error: (issue) => `expected a rule id, got ${shown(issue.input)}` })
    .refine((id) => RULE_IDS.has(id), { error: (issue) => `unknown DLP rule ${shown(issue.input)}; use one of: ${sorted(RULE_IDS)}` })
    .optional(),
  type: typeName().optional(),
  /** sha256 hex of the exact value: a finding's `valueHash` in the audit event. */
  value_sha256: z
    .string({ error: (issue) => `expected a sha256 hex digest, got ${shown(issue.input)}` })
    .regex(/^[0-9a-f]{64}$/, { error: "expected 64 lowercase hex digits: the finding's valueHash from the audit event" })
    .optional(),
  /** A glob over the action's resource (`github.com/acme/docs/**`). */
  resource: glob().optional(),
  reason: text().optional(),
})
  .refine((entry) => entry.rule !== undefined || entry.type !== undefined || entry.value_sha256 !== undefined || entry.resource !== undefined, {
    error: 'an allow entry needs at least one of rule, type, value_sha256, resource; an empty one would allow everything',
  })
  .transform(
    (entry): DlpAllowEntry => ({
      ...(entry.rule !== undefined && { rule: entry.rule }),
      ...(entry.type !== undefined && { type: entry.type }),
      ...(entry.value_sha256 !== undefined && { valueSha256: entry.value_sha256 }),
      ...(entry.resource !== undefined && { resource: entry.resource }),
      ...(entry.reason !== undefined && { reason: entry.reason }),
    }),
  );

const fields = {
  /** The mode of every type `types` does not name; absent: each type's own default. */
  default: mode().optional(),
  /** Modes by finding type or group (`email: redact`, `pii: warn`, `aws_key: block`). */
  types: map(z.string(), mode())
    // Keys checked here rather than by the record, whose own message would hide which name is unknown.
    .superRefine((types, ctx) => {
      for (const name of Object.keys(types)) {
        if (!POLICY_TYPE_NAMES.has(name)) ctx.addIssue({ code: 'custom', path: [name], message: `unknown finding type ${shown(name)}; use one of: ${sorted(POLICY_TYPE_NAMES)}` });
      }
    })
    .optional(),
  /** Findings that are not findings: by rule, type, exact value hash, resource glob. */
  allow: list(AllowEntrySchema).optional(),
  /** Report IP addresses too (off by default). */
  ip_addresses: z.boolean({ error: (issue) => `expected true or false, got ${shown(issue.input)}` }).optional(),
};

/** The top-level `dlp:` section of the governance file, as the action plan carries it. */
export const DlpSectionSchema = section(fields).transform(
  (dlp): DlpPolicy => ({
    ...(dlp.default !== undefined && { default: dlp.default }),
    types: dlp.types ?? {},
    allow: dlp.allow ?? [],
    ipAddresses: dlp.ip_addresses ?? false,
  }),
);

/** An action's `dlp:` override: only what it writes; `allow` adds to the top-level list. */
export const DlpOverrideSectionSchema = section(fields).transform((dlp) => ({
  ...(dlp.default !== undefined && { default: dlp.default }),
  ...(dlp.types !== undefined && { types: dlp.types }),
  ...(dlp.allow !== undefined && { allow: dlp.allow }),
  ...(dlp.ip_addresses !== undefined && { ipAddresses: dlp.ip_addresses }),
}));
export type DlpOverride = z.output<typeof DlpOverrideSectionSchema>;
