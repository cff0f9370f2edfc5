// Checked by `npm run typecheck`: the TypeScript client's hand-written wire types are the gateway's
// zod-inferred ones, both ways, so neither can change without the other.
import type { z } from 'zod';
import type * as Client from '../../clients/typescript/src/index.ts';
import type { ActionView } from '../../src/gateway/action-view.ts';
import type { AllowedAnswerSchema, ApiError, GovernedAnswerSchema, SubmitActionBodySchema } from '../../src/gateway/api-schemas.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type Contract = [
  Holds<Same<Client.ActionView, ActionView>>,
  Holds<Same<Client.AllowedAnswer, Omit<z.infer<typeof AllowedAnswerSchema>, 'tier'> & { tier: number }>>,
  Holds<Same<Client.GovernedAnswer, z.infer<typeof GovernedAnswerSchema>>>,
  Holds<Same<Client.ApiErrorBody, ApiError>>,
  // Every request the client lets an agent write is one the gateway accepts in shape.
  Holds<Client.ActionRequest extends z.input<typeof SubmitActionBodySchema> ? true : false>,
];
