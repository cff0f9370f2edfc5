// The worker's workflowsPath entry: every workflow type the worker serves.
export { governedAction } from './governed-action.ts';
export { governor } from './governor.ts';
