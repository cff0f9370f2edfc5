import { Context } from '@temporalio/activity';

/** The notify activity's attempt number (1 for the first), read from Temporal's activity context. */
export function activityAttempt(): number {
  return Context.current().info.attempt;
}
