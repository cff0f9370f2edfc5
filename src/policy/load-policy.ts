import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { hashOf } from '../canonical/sha256.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { PolicyInvalidError, type FieldIssue } from '../errors/request-errors.ts';
import { policyIssues, type LineLocator } from './policy-issues.ts';
import { PolicySchema, type Policy } from './policy-schema.ts';

/** A validated governance file. */
export interface LoadedPolicy {
  policy: Policy;
  /**
   * The first 16 hex digits of the canonical hash of the validated policy (defaults applied).
   * Comments, whitespace, key order and spelling out a default leave it unchanged; any edit that
   * changes what the policy decides changes it. Audit events and action hashes carry it, so an
   * approval given under one policy is not taken for one under another.
   */
  version: string;
  file: string;
}

/** The version of a validated policy (see LoadedPolicy.version). */
export function policyVersion(policy: Policy): string {
  return hashOf(policy).slice(0, 16);
}

function yamlIssue(error: YAMLError): FieldIssue {
  const [firstLine = error.message] = error.message.split('\n');
  const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  const position = error.linePos?.[0];
  return { path: position ? `line ${position.line}, column ${position.col}` : '(yaml)', message };
}

function lineLocator(doc: Document, lines: LineCounter): LineLocator {
  return (path) => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node: unknown = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/**
 * Parses and validates the governance file's text. Throws PolicyInvalidError listing every YAML
 * syntax error with its line and column, or else every schema error by its dotted path.
 */
export function parsePolicy(text: string, file: string): LoadedPolicy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new PolicyInvalidError(file, doc.errors.map(yamlIssue));
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (error) {
    // toJS refuses e.g. alias bombs; the message says which limit was hit.
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyInvalidError(file, [{ path: '(yaml)', message }]);
  }
  if (value === null || value === undefined) {
    throw new PolicyInvalidError(file, [
      { path: '(root)', message: 'the file is empty; start from countersign.example.yaml, which documents every key' },
    ]);
  }
  const parsed = PolicySchema.safeParse(value);
  if (!parsed.success) throw new PolicyInvalidError(file, policyIssues(parsed.error, lineLocator(doc, lines)));
  return { policy: parsed.data, version: policyVersion(parsed.data), file };
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

/** Reads and validates the governance file at `file`; see parsePolicy. */
export async function loadPolicy(file: string): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    throw new CountersignError(
      ErrorCode.PolicyNotFound,
      `the policy file ${file} does not exist; create it (countersign.example.yaml is a commented start) ` +
        'or set COUNTERSIGN_POLICY to the path of your governance file',
      { cause: error },
    );
  }
  return parsePolicy(text, file);
}
