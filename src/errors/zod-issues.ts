import type { z } from 'zod';
import type { FieldIssue } from './request-errors.ts';

/** Turns zod issues into `{path, message}` with dotted paths (`actions.merge.quorum`). */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
