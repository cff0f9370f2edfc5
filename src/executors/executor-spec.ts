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

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}/g;

/** Every `${NAME}` in a request's headers must be one of the executor's `secrets`. */
function checkSecrets(spec: HttpRequestSpec & { secrets: string[]; compensate: HttpRequestSpec; verify?: HttpRequestSpec | undefined }, ctx: z.RefinementCtx): void {
  const requests: Array<[string[], HttpRequestSpec]> = [[[], spec], [['compensate'], spec.compensate], ...(spec.verify ? [[['verify'], spec.verify] as [string[], HttpRequestSpec]] : [])];
  for (const [at, request] of requests) {
    for (const [name, template] of Object.entries(request.headers)) {
      for (const [, variable] of template.matchAll(VARIABLE)) {
        if (variable !== undefined && !spec.secrets.includes(variable)) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'headers', name],
            message: `names \${${variable}}, which this executor's secrets do not list; add it (secrets: [${[...spec.secrets, variable].join(', ')}]) if the worker should send it here`,
          });
        }
      }
    }
  }
}

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
      /** The worker's environment variables the headers may name (`[DEPLOY_TOKEN]`); no other is read. */
      secrets: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'expected an environment variable name like DEPLOY_TOKEN')).default([]),
    })
    .strict(),
]);
export type ExecutorSpec = z.infer<typeof ExecutorSpecSchema>;

/**
 * An executor as the policy file declares it: its headers may name only its `secrets`. (A plan
 * in a running workflow's history is parsed without this check: the worker takes the executor
 * from its own policy anyway.)
 */
export const PolicyExecutorSpecSchema = ExecutorSpecSchema.superRefine((spec, ctx) => {
  if (spec.type === 'http') checkSecrets(spec, ctx);
});
