import type { DlpRule } from '../rule.ts';
import { isPlaceholderSecret } from '../validators/placeholder.ts';

const stripe = (id: string, prefixes: readonly string[], body: string): DlpRule => ({
  id,
  type: 'stripe_key',
  keywords: prefixes,
  startsAtKeyword: true,
  pattern: new RegExp(String.raw`(?<![A-Za-z0-9_])(?:${prefixes.join('|')})${body}(?![A-Za-z0-9])`, 'g'),
  confidence: 0.95,
  exempt: isPlaceholderSecret,
});

/** Stripe secret, restricted and webhook-signing keys, live and test (a test key still reads and writes test data). */
export const PAYMENT_RULES: readonly DlpRule[] = [
  stripe('stripe-secret-key', ['sk_live_', 'sk_test_'], '[A-Za-z0-9]{10,247}'),
  stripe('stripe-restricted-key', ['rk_live_', 'rk_test_'], '[A-Za-z0-9]{10,247}'),
  stripe('stripe-webhook-secret', ['whsec_'], '[A-Za-z0-9]{32,64}'),
];
