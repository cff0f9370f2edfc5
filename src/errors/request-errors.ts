import { CountersignError, ErrorCode } from './countersign-error.ts';

/** One bad field: its dotted path and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Formats issues one per line, `path: message`, as every parse error in Countersign does. */
export function formatIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n');
}

/** Thrown by startAction when the request does not match the schema. */
export class RequestInvalidError extends CountersignError {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    super(
      ErrorCode.RequestInvalid,
      `the action request is invalid; fix these fields and send it again:\n${formatIssues(issues)}`,
    );
    this.name = 'RequestInvalidError';
    this.issues = issues;
  }
}

/** Thrown at start-up when the governance file cannot be used. */
export class PolicyInvalidError extends CountersignError {
  readonly issues: readonly FieldIssue[];

  constructor(file: string, issues: readonly FieldIssue[]) {
    super(
      ErrorCode.PolicyInvalid,
      `the policy file ${file} is invalid; fix these entries and start again:\n${formatIssues(issues)}`,
    );
    this.name = 'PolicyInvalidError';
    this.issues = issues;
  }
}

/** Thrown at start-up when an environment variable has a bad value. */
export class ConfigInvalidError extends CountersignError {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    super(
      ErrorCode.ConfigInvalid,
      `the configuration is invalid; fix these environment variables:\n${formatIssues(issues)}`,
    );
    this.name = 'ConfigInvalidError';
    this.issues = issues;
  }
}
