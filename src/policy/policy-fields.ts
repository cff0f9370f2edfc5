import { z } from 'zod';

/**
 * Field schemas for the governance file whose messages say what was expected and what the file
 * holds, since the person reading them is editing YAML, not TypeScript.
 */

interface IssueInput {
  code?: string;
  input?: unknown;
}

/** How a value from the file reads in a message; a missing key reads as "nothing". */
export function shown(input: unknown): string {
  return input === undefined ? 'nothing' : JSON.stringify(input);
}

const expecting = (expected: string) => (issue: IssueInput) => `expected ${expected}, got ${shown(issue.input)}`;

/** A whole number in [min, max] (max optional), e.g. `quorum: 2`. */
export function wholeNumber(min: number, max?: number) {
  const error = expecting(max === undefined ? `a number ≥ ${min}` : `a number from ${min} to ${max}`);
  const atLeast = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

/** A number in [min, max], fractions allowed (`confidence_threshold: 0.8`). */
export function fraction(min: number, max: number) {
  const error = expecting(`a number from ${min} to ${max}`);
  return z.number({ error }).min(min, { error }).max(max, { error });
}

/** Non-empty text (`description`, `name`). */
export function text() {
  return z.string({ error: expecting('text') }).min(1, { error: 'must not be empty; remove the key instead' });
}

const ID_PATTERN = /^[A-Za-z0-9_.:@-]+$/;
// Action names must be what a request can carry (see ActionRequestSchema).
const ACTION_NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** An id of a person, group or agent, used as a key and in references (`alice`, `bounty-hunter`). */
export function identifier(what: string) {
  return z
    .string({ error: expecting(`${what} id (text)`) })
    .regex(ID_PATTERN, { error: `${what} ids use letters, digits and _ . : @ - only` })
    .refine((id) => id !== '__proto__', { error: `"__proto__" is reserved; choose another ${what} id` });
}

/** An action name as requests carry it (`merge_pull_request`). */
export function actionName() {
  return z
    .string({ error: expecting('an action name (text)') })
    .regex(ACTION_NAME_PATTERN, { error: 'action names use letters, digits and _ . : - only, as requests do' })
    .refine((name) => name !== '__proto__', { error: '"__proto__" is reserved; choose another action name' });
}

/** A picomatch glob (`merge_*`, `github.com/acme/**`). */
export function glob() {
  return z.string({ error: expecting('a name or glob (text)') }).min(1, { error: 'must not be empty' });
}

/** A YAML list. */
export function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: expecting('a list') });
}

/** A YAML mapping whose keys are ids or names chosen by the file (`people:`, `actions:`). */
export function map<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V) {
  return z.record(key, value, { error: expecting('a mapping (key: value lines)') });
}

/**
 * A YAML mapping with fixed keys; any other key is an error (a typo such as `qourum:` must not be
 * ignored silently). The message lists the keys allowed there.
 */
export function section<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue: IssueInput) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key; the keys allowed here are: ${allowed}`
        : `expected a mapping with keys ${allowed}; got ${shown(issue.input)}`,
  });
}

/** One of fixed words (`block`, `mon`). */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.enum(values, { error: expecting(`one of ${values.join(', ')}`) });
}
