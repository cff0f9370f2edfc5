import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';

/** Slack and Discord tokens and webhook URLs (a webhook URL is itself the credential). */
export const CHAT_RULES: readonly DlpRule[] = [
  {
    id: 'slack-bot-token',
    type: 'slack_token',
    keywords: ['xoxb-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9-])xoxb-[A-Za-z0-9-]{10,250}/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'slack-user-token',
    type: 'slack_token',
    keywords: ['xoxp-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9-])xoxp-[A-Za-z0-9-]{10,250}/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'slack-token',
    type: 'slack_token',
    keywords: ['xoxa-', 'xoxo-', 'xoxs-', 'xoxr-', 'xoxe-', 'xoxe.'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9-])xox(?:[aosr]|e\.xox[a-z])-[A-Za-z0-9-]{10,250}/g,
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'slack-app-token',
    type: 'slack_token',
    keywords: ['xapp-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9-])xapp-\d-[A-Z0-9]{8,16}-\d{8,16}-[a-f0-9]{32,80}(?![A-Za-z0-9])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'slack-webhook-url',
    type: 'slack_webhook_url',
    keywords: ['https://hooks.slack.com/'],
    startsAtKeyword: true,
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[A-Z0-9]{8,12}\/(?:\d{8,20}\/)?[A-Za-z0-9]{24,32}(?![A-Za-z0-9])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    // The shape alone (base64 id . timestamp . hmac) is too common, so only where Discord is named.
    id: 'discord-bot-token',
    type: 'discord_token',
    keywords: ['discord'],
    pattern: /(?<![A-Za-z0-9_.-])[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_.-])/g,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'discord-webhook-url',
    type: 'discord_webhook_url',
    keywords: ['https://discord', 'https://ptb.discord', 'https://canary.discord'],
    startsAtKeyword: true,
    pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,80}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
];
