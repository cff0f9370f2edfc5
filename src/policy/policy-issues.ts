import type { z } from 'zod';
import type { FieldIssue } from '../errors/request-errors.ts';

/** Finds the line of the file a path points at, or of its nearest parent that is in the file. */
export type LineLocator = (path: ReadonlyArray<string | number>) => number | undefined;

function withLine(message: string, line: number | undefined): string {
  return line === undefined ? message : `${message} (line ${line})`;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') {
    return issue.issues.map((inner) => inner.message).join('; ');
  }
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined && 'options' in issue && issue.options) {
    return `expected one of ${issue.options.map(String).join(', ')}`;
  }
  return issue.message;
}

/**
 * The schema's issues as `{path, message}` with dotted paths into the file
 * (`actions.merge_pull_request.quorum`), one per unknown key, each with its line.
 */
export function policyIssues(error: z.ZodError, lineOf: LineLocator): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: withLine(issue.message, lineOf([...path, key])),
      }));
    }
    return [{ path: path.join('.'), message: withLine(messageOf(issue), lineOf(path)) }];
  });
}
