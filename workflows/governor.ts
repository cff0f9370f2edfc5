import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.ts';
import { KillArgsSchema, type KillArgs } from '../src/action/kill-args.ts';
import { DecisionSchema } from '../src/approvals/decision.ts';
import type { GovernorInput, GovernorStatus } from '../src/governor/governor-status.ts';
import { checkResume } from '../src/governor/resume-rules.ts';
import { governorStatusQuery, killAllSignal, resumeUpdate } from './messages.ts';

const steps = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

// Recorded with the freeze events; the governor is not tied to one policy file version.
const GOVERNOR_POLICY_VERSION = 'governor';
const MAX_KILLS_PER_RUN = 100;

export const INITIAL_GOVERNOR_STATUS: GovernorStatus = { frozen: false, rollback: false, epoch: '', halted: 0, rolledBack: 0, kills: 0 };

/**
 * The kill switch (id `countersign-governor`). `killAll` commits the freeze in PostgreSQL, then
 * sends `kill` to every open action; `resume`, attested by an operator, lifts it. Continues as
 * new so its history stays small.
 */
export async function governor(input: GovernorInput): Promise<void> {
  const status: GovernorStatus = { ...(input.status ?? INITIAL_GOVERNOR_STATUS) };
  const kills: KillArgs[] = [];
  let handled = 0;

  wf.setHandler(governorStatusQuery, () => status, {
    description: 'Frozen or not, by whom, why, since when, and how many actions the kill switch halted and rolled back.',
  });
  wf.setHandler(
    killAllSignal,
    (raw: unknown) => {
      const parsed = KillArgsSchema.safeParse(raw);
      if (!parsed.success) {
        wf.log.warn('malformed killAll refused', { issue: parsed.error.issues[0]?.message });
        return;
      }
      kills.push(parsed.data);
    },
    { description: 'Freeze Countersign and halt every agent action now. JSON: {"by": "<operator>", "reason": "<why>", "rollback": false}; with "rollback": true, published actions inside their window are rolled back.' },
  );
  wf.setHandler(
    resumeUpdate,
    async (raw: unknown) => {
      const decision = DecisionSchema.parse(raw);
      const epoch = status.epoch;
      status.frozen = false;
      await steps.liftKillSwitch({ epoch, by: decision.approver, policyVersion: GOVERNOR_POLICY_VERSION });
      return { ...status };
    },
    {
      validator: (raw: unknown) => {
        const check = checkResume(raw, input, status, Date.now());
        if (!check.ok) throw wf.ApplicationFailure.nonRetryable(check.reason, check.code);
      },
      description: 'Lift the freeze. Needs an attestation signed by a Countersign channel for an operator; one typed here is refused.',
    },
  );

  while (handled < MAX_KILLS_PER_RUN && !wf.workflowInfo().continueAsNewSuggested) {
    await wf.condition(() => kills.length > 0 || wf.workflowInfo().continueAsNewSuggested);
    const args = kills.shift();
    if (!args) continue;
    const freeze = await steps.engageKillSwitch({ args, policyVersion: GOVERNOR_POLICY_VERSION });
    Object.assign(status, { frozen: true, by: args.by, reason: args.reason, since: freeze.since, rollback: args.rollback, epoch: freeze.epoch });
    const { halted, rolledBack } = await steps.haltActions({ args });
    status.halted += halted;
    status.rolledBack += rolledBack;
    status.kills += 1;
    handled += 1;
  }
  await wf.condition(wf.allHandlersFinished);
  await wf.continueAsNew<typeof governor>({ ...input, status });
}
