import { z } from 'zod';

/** `kill` on one action and `killAll` on the governor: the safe direction, any operator may send it. */
export const KillArgsSchema = z
  .object({
    by: z.string().trim().min(1, 'say who pulls the kill switch'),
    reason: z.string().trim().min(1, 'give a reason'),
    /** Also roll back what is published and still inside its rollback window. */
    rollback: z.boolean().default(false),
  })
  .strict();
export type KillArgs = z.infer<typeof KillArgsSchema>;
export type KillArgsInput = z.input<typeof KillArgsSchema>;
