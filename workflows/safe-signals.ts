import type { ActionPlan } from '../src/action/action-plan.ts';
import { KillArgsSchema, type KillArgs } from '../src/action/kill-args.ts';
import { CiResultArgsSchema, RollbackArgsSchema, type CiResultArgs, type RollbackArgs } from '../src/action/signal-args.ts';

/** A refused signal: audited by the workflow, since a signal has no one to answer. */
export interface SignalRefusal {
  signal: 'rollback' | 'ciResult' | 'kill';
  reason: string;
  actor: string;
}

/**
 * The safe-direction signals of one action (rollback, ciResult, kill): what arrived and whether
 * it may be taken now. Any operator may send them, from the Temporal UI too, so each argument is
 * parsed, and one that does not fit the action's moment is refused with a reason.
 */
export class SafeSignals {
  private rollbackAsk: RollbackArgs | undefined;
  private ci: CiResultArgs | undefined;
  private killAsk: KillArgs | undefined;
  /** Published and inside the rollback window. */
  windowOpen = false;
  finished = false;

  constructor(
    private readonly plan: ActionPlan,
    private readonly windowClosesAt: () => string | undefined,
  ) {}

  // Read through methods: the steps await between reads, and handlers change these meanwhile.
  rollbackRequest(): RollbackArgs | undefined {
    return this.rollbackAsk;
  }
  ciResult(): CiResultArgs | undefined {
    return this.ci;
  }
  killRequest(): KillArgs | undefined {
    return this.killAsk;
  }

  onRollback(raw: unknown): SignalRefusal | undefined {
    const parsed = RollbackArgsSchema.safeParse(raw);
    if (!parsed.success) {
      return { signal: 'rollback', actor: 'unknown', reason: `malformed rollback: send {"by": "<you>", "reason": "<why>"} (${parsed.error.issues[0]?.message})` };
    }
    const closedAt = this.windowClosesAt();
    const why =
      this.finished || (!this.windowOpen && closedAt)
        ? `the rollback window closed at ${closedAt ?? 'the end of the action'}`
        : this.rollbackAsk
          ? 'a rollback is already under way'
          : !this.windowOpen
            ? 'nothing has been published yet, so there is nothing to roll back (send kill to stop the action)'
            : undefined;
    if (why) return { signal: 'rollback', actor: parsed.data.by, reason: why };
    this.rollbackAsk = parsed.data;
    return undefined;
  }

  onCiResult(raw: unknown): SignalRefusal | undefined {
    const parsed = CiResultArgsSchema.safeParse(raw);
    if (!parsed.success) {
      return { signal: 'ciResult', actor: 'ci', reason: `malformed ciResult: send {"status": "passed"|"failed", "url"?: "<link>"} (${parsed.error.issues[0]?.message})` };
    }
    if (!this.plan.ci) return { signal: 'ciResult', actor: 'ci', reason: 'this action has no CI verification in the policy' };
    if (this.ci || this.finished) return { signal: 'ciResult', actor: 'ci', reason: 'the CI result for this action was already settled' };
    this.ci = parsed.data;
    return undefined;
  }

  onKill(raw: unknown): SignalRefusal | undefined {
    const parsed = KillArgsSchema.safeParse(raw);
    if (!parsed.success) {
      return { signal: 'kill', actor: 'unknown', reason: `malformed kill: send {"by": "<you>", "reason": "<why>", "rollback"?: true} (${parsed.error.issues[0]?.message})` };
    }
    const by = parsed.data.by;
    if (this.finished || this.killAsk) {
      return { signal: 'kill', actor: by, reason: this.finished ? 'the action has already ended' : 'the action is already being killed' };
    }
    if (this.windowOpen && !parsed.data.rollback) {
      return { signal: 'kill', actor: by, reason: 'the action is already published; send kill with "rollback": true to roll it back' };
    }
    this.killAsk = parsed.data;
    return undefined;
  }
}
