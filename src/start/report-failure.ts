import { CountersignError } from '../errors/countersign-error.ts';

/** One clear message for a known failure; the stack only for the unexpected. */
export function reportFailure(error: unknown): void {
  if (error instanceof CountersignError) console.error(`countersign: ${error.message}`);
  else console.error('countersign: unexpected failure', error);
}
