export { connectCountersign } from './connect.ts';
export type { ConnectOptions, CountersignClient, GovernedAction, StartActionResult } from './connect.ts';
export { CountersignError, PolicyRefusalError, RequestInvalidError } from './errors.ts';
export type { ActionOutcome, ActionRequest, ActionState, ActionView, AllowedAnswer, ApiErrorBody, FieldIssue, GovernedAnswer, JsonValue, Risk } from './types.ts';
