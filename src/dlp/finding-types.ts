import type { DlpMode } from './dlp-policy.ts';

/** How bad a finding is; overlapping findings keep the more severe one. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

export interface FindingTypeSpec {
  severity: Severity;
  /** What a finding of this type does when the policy names neither it, one of its groups, nor a `default`. */
  mode: DlpMode;
  /**
   * Broader names the policy's `dlp.types` may use for this type, most specific first:
   * `aws_key` (the name before AWS ids and secrets were told apart), then `secret` or `pii`.
   */
  groups: readonly string[];
}

const secret = (severity: Severity, ...groups: string[]): FindingTypeSpec => ({ severity, mode: 'block', groups: [...groups, 'secret'] });
const pii = (severity: Severity, mode: DlpMode): FindingTypeSpec => ({ severity, mode, groups: ['pii'] });

/** Every finding type the scanner reports; `[REDACTED:<type>]` names it in a redacted draft. */
export const FINDING_TYPES = {
  aws_access_key_id: secret('critical', 'aws_key'),
  aws_secret_access_key: secret('critical', 'aws_key'),
  gcp_api_key: secret('high'),
  gcp_service_account_key: secret('critical', 'private_key'),
  azure_storage_key: secret('critical'),
  azure_shared_access_key: secret('critical'),
  azure_sas_token: secret('high'),
  github_token: secret('critical'),
  gitlab_token: secret('critical'),
  slack_token: secret('high'),
  slack_webhook_url: secret('high', 'slack_token'),
  discord_token: secret('high'),
  discord_webhook_url: secret('high', 'discord_token'),
  npm_token: secret('critical'),
  pypi_token: secret('critical'),
  sendgrid_api_key: secret('high'),
  twilio_api_key: secret('high'),
  mailgun_api_key: secret('high'),
  stripe_key: secret('critical'),
  openai_api_key: secret('high'),
  anthropic_api_key: secret('high'),
  huggingface_token: secret('high'),
  jwt: secret('high'),
  private_key: secret('critical'),
  password: secret('high'),
  api_key: secret('high'),
  email: pii('medium', 'redact'),
  phone_number: pii('medium', 'redact'),
  payment_card: pii('high', 'block'),
  iban: pii('medium', 'redact'),
  us_ssn: pii('high', 'block'),
  ip_address: pii('low', 'warn'),
} as const satisfies Record<string, FindingTypeSpec>;

export type FindingType = keyof typeof FINDING_TYPES;

/** Every name `dlp.types` accepts: the types and their groups. */
export const POLICY_TYPE_NAMES: ReadonlySet<string> = new Set(
  Object.entries(FINDING_TYPES).flatMap(([type, spec]) => [type, ...spec.groups]),
);

export function isFindingType(name: string): name is FindingType {
  return Object.hasOwn(FINDING_TYPES, name);
}
