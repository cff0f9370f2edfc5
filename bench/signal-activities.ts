/** When each baseline workflow's activity ran (`performance.now()` of this process), by workflow id. */
export const activityRanAt = new Map<string, number>();

export const signalActivities = {
  ran(workflowId: string): Promise<void> {
    activityRanAt.set(workflowId, performance.now());
    return Promise.resolve();
  },
};
export type SignalActivities = typeof signalActivities;
