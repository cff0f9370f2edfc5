import { z } from 'zod';
import { DurationSchema } from '../policy/parse-duration.ts';

const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A request the http executor sends; header values may name variables (`Bearer ${DEPLOY_TOKEN}`). */
export const HttpRequestSpecSchema = z
  .object({
    url: z.url(),
    method: HttpMethodSchema.default('POST'),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type HttpRequestSpec = z.infer<typeof HttpRequestSpecSchema>;

/** How a tier-2+ action is carried out. The agent never holds these credentials; the worker does. */
export const ExecutorSpecSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('ledger'),
      /** The book the entry goes into (`payments`). */
      account: z.string().min(1),
      /** The params field holding the amount, if any (`amount`). */
      amount_param: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('http'),
      ...HttpRequestSpecSchema.shape,
      timeout: DurationSchema.default(10_000),
      /** The compensating request a rollback sends; it receives the publish receipt. */
      compensate: HttpRequestSpecSchema,
      /** Optional check after publishing: a 2xx answer passes. */
      verify: HttpRequestSpecSchema.optional(),
    })
    .strict(),
]);
export type ExecutorSpec = z.infer<typeof ExecutorSpecSchema>;
