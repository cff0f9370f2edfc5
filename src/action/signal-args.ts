import { z } from 'zod';

// Signals are the safe direction: any operator may send them, also from the Temporal UI, which
// sends one JSON object. Each is parsed with its schema; a malformed one is refused and audited.

export const RollbackArgsSchema = z
  .object({
    /** Who asks for the rollback (an operator's id or name). */
    by: z.string().trim().min(1, 'say who asks for the rollback'),
    reason: z.string().trim().min(1, 'give a reason for the rollback'),
  })
  .strict();
export type RollbackArgs = z.infer<typeof RollbackArgsSchema>;

export const CiResultArgsSchema = z
  .object({
    status: z.enum(['passed', 'failed']),
    /** Link to the CI run, shown in the status and the audit trail. */
    url: z.string().url().optional(),
  })
  .strict();
export type CiResultArgs = z.infer<typeof CiResultArgsSchema>;
