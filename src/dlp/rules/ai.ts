import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';

/** OpenAI, Anthropic and Hugging Face keys. */
export const AI_RULES: readonly DlpRule[] = [
  {
    // Project, service-account and admin keys by prefix; legacy keys by their `T3BlbkFJ` marker or exact length.
    id: 'openai-api-key',
    type: 'openai_api_key',
    keywords: ['sk-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'anthropic-api-key',
    type: 'anthropic_api_key',
    keywords: ['sk-ant-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/g,
    confidence: 0.97,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'huggingface-token',
    type: 'huggingface_token',
    keywords: ['hf_'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9_])/g,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
];
