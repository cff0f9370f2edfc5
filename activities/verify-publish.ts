import type { Receipt } from '../src/executors/executor.ts';
import type { ActivityDeps } from './activity-deps.ts';
import { asActivityFailure, loadPublishInput, type PublishStepInput } from './publish.ts';

/** VERIFY: the executor's own check of what it published, when it has one. */
export function verifyPublishActivity(deps: ActivityDeps) {
  return async function verifyPublish(
    input: PublishStepInput & { receipt: Receipt },
  ): Promise<{ passed: boolean; detail: string }> {
    const publishInput = await loadPublishInput(deps, input);
    try {
      const executor = deps.executorFor(publishInput.action);
      if (!executor.verify) return { passed: true, detail: 'the executor has no verify step' };
      return await executor.verify(publishInput, input.receipt);
    } catch (error) {
      throw asActivityFailure(error);
    }
  };
}
