import { z } from 'zod';

/** An action's state in the read model, the status query and the CountersignState attribute. */
export const ActionStateSchema = z.enum([
  'refused',
  'allowed',
  'started',
  'staged',
  'audited',
  'awaiting_approval',
  'approved',
  'publishing',
  'published',
  'rolling_back',
  'blocked',
  'failed',
  'rolled_back',
  'rollback_failed',
  'rejected',
  'expired',
  'killed',
]);
export type ActionState = z.infer<typeof ActionStateSchema>;

/** How a governedAction ends; `published` means published and its rollback window closed. */
export const ActionOutcomeSchema = ActionStateSchema.extract([
  'published',
  'blocked',
  'failed',
  'rolled_back',
  'rollback_failed',
  'rejected',
  'expired',
  'killed',
]);
export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

/**
 * States after which nothing more happens to an action. `published` is not among them: a
 * published action stays open until its rollback window closes.
 */
export const ENDED_STATES: readonly ActionState[] = [
  'refused',
  'allowed',
  ...ActionOutcomeSchema.options.filter((outcome) => outcome !== 'published'),
];
