import type { DlpRule } from './rule.ts';
import { AI_RULES } from './rules/ai.ts';
import { CHAT_RULES } from './rules/chat.ts';
import { CLOUD_RULES } from './rules/cloud.ts';
import { CRYPTO_KEY_RULES } from './rules/crypto-keys.ts';
import { FORGE_RULES } from './rules/forges.ts';
import { GENERIC_RULES } from './rules/generic.ts';
import { PAYMENT_RULES } from './rules/payment.ts';
import { PII_RULES } from './rules/pii.ts';
import { REGISTRY_RULES } from './rules/registries.ts';
import { SAAS_RULES } from './rules/saas.ts';

/** Every rule the AUDIT step runs, by family. */
export const RULE_FAMILIES: Readonly<Record<string, readonly DlpRule[]>> = {
  cloud: CLOUD_RULES,
  forges: FORGE_RULES,
  chat: CHAT_RULES,
  registries: REGISTRY_RULES,
  saas: SAAS_RULES,
  payment: PAYMENT_RULES,
  ai: AI_RULES,
  'crypto-keys': CRYPTO_KEY_RULES,
  generic: GENERIC_RULES,
  pii: PII_RULES,
};

export const DLP_RULES: readonly DlpRule[] = Object.values(RULE_FAMILIES).flat();
