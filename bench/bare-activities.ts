export const bareActivities = {
  step(i: number): Promise<number> {
    return Promise.resolve(i);
  },
};
export type BareActivities = typeof bareActivities;
