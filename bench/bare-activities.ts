export const bareActivities = {
  async step(i: number): Promise<number> {
    return i;
  },
};
export type BareActivities = typeof bareActivities;
