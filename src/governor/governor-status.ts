import type { Channel } from '../approvals/decision.ts';

/** What the governor's `status` query returns, and what it carries across continue-as-new. */
export interface GovernorStatus {
  frozen: boolean;
  by?: string;
  reason?: string;
  since?: string;
  /** The kill asked for rollbacks of published actions inside their window. */
  rollback: boolean;
  /** Names the current freeze; a `resume` attests it. */
  epoch: string;
  /** Over the governor's life: actions sent `kill`, and those of them asked to roll back. */
  halted: number;
  rolledBack: number;
  kills: number;
}

/** The governor's input: who may resume, with which channel keys; and its state when continued. */
export interface GovernorInput {
  operators: string[];
  channelKeys: Partial<Record<Channel, string>>;
  attestationMaxAgeMs: number;
  status?: GovernorStatus;
}
