import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';
import { ASSIGN, OPEN_QUOTE } from './pattern-parts.ts';

/** Email and messaging providers: SendGrid, Twilio, Mailgun; and Countersign's own agent keys. */
export const SAAS_RULES: readonly DlpRule[] = [
  {
    // An agent's key to Countersign's gateway (`countersign agents key create`): a leaked one acts as that agent.
    id: 'countersign-agent-key',
    type: 'api_key',
    keywords: ['csk_'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_])csk_[0-9a-f]{12}_[0-9a-f]{64}(?![A-Za-z0-9_])/g,
    confidence: 0.99,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'sendgrid-api-key',
    type: 'sendgrid_api_key',
    keywords: ['sg.'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    confidence: 0.95,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'twilio-api-key',
    type: 'twilio_api_key',
    keywords: ['sk'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
  {
    // An auth token is 32 hex digits, like many hashes: only next to its name.
    id: 'twilio-auth-token',
    type: 'twilio_api_key',
    keywords: ['twilio'],
    startsAtKeyword: true,
    pattern: new RegExp(String.raw`twilio[A-Za-z_-]{0,20}(?:auth[_-]?token|secret)${ASSIGN}${OPEN_QUOTE}([0-9a-f]{32})(?![0-9A-Za-z])`, 'gi'),
    confidence: 0.9,
    exempt: isPlaceholderSecret,
  },
  {
    id: 'mailgun-api-key',
    type: 'mailgun_api_key',
    keywords: ['key-'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9])/g,
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
  {
    // The match starts at the first `-` and the lookbehind reads the 32 hex digits before it
    // (the secret runs from them): a pattern opening on a hex digit is tried at most words.
    id: 'mailgun-private-key',
    type: 'mailgun_api_key',
    keywords: ['mailgun'],
    pattern: /-(?<=(?<![A-Za-z0-9-])([0-9a-f]{32})-)[0-9a-f]{8}-[0-9a-f]{8}(?![A-Za-z0-9-])/g,
    secretSpan: 'group-to-match-end',
    confidence: 0.85,
    exempt: isPlaceholderSecret,
  },
];
