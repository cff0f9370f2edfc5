// A state's row in the transition table is ALPHABET entries long; shifting an offset right gives the state.
const STATE_SHIFT = 7;
const ALPHABET = 1 << STATE_SHIFT;
const UPPER_A = 65;
const UPPER_Z = 90;
const CASE_STEP = 32;

// What reaching a state records: nothing, which keywords occur (once per text), or also where
// each located keyword starts (every time).
const NO_KEYWORD = 0;
const ONCE = 1;
const EVERY_TIME = 2;

/** What one pass over a text found. */
export interface KeywordHits {
  /** By keyword index: whether it occurs. */
  found: boolean[];
  /** By keyword index, for located keywords that occur: where each occurrence starts, ascending. */
  starts: Array<number[] | undefined>;
}

/**
 * An Aho–Corasick automaton over ASCII keywords, matched ignoring case: one pass over a text
 * tells which keywords occur in it, however many keywords there are, and where the located
 * ones start. Characters outside ASCII match no keyword and restart matching.
 */
export class KeywordIndex {
  readonly #next: Int32Array;
  /** Per state, the keywords (indices) that end there, fail links followed. */
  readonly #outputs: ReadonlyArray<readonly number[]>;
  /** Per state, NO_KEYWORD, ONCE or EVERY_TIME, so the hot loop tests a byte instead of an array. */
  readonly #ends: Uint8Array;
  readonly #lengths: readonly number[];
  readonly #located: readonly boolean[];

  /** `located[i]`: report where `keywords[i]` starts, not only whether it occurs. */
  constructor(keywords: readonly string[], located: readonly boolean[] = []) {
    this.#lengths = keywords.map((keyword) => keyword.length);
    this.#located = keywords.map((_, index) => located[index] === true);
    const children: Array<Map<number, number>> = [new Map<number, number>()];
    const outputs: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (const char of keyword.toLowerCase()) {
        const code = char.charCodeAt(0);
        if (code >= ALPHABET) throw new RangeError(`keyword ${JSON.stringify(keyword)} is not ASCII`);
        let child = children[state]?.get(code);
        if (child === undefined) {
          child = children.length;
          children.push(new Map<number, number>());
          outputs.push([]);
          children[state]?.set(code, child);
        }
        state = child;
      }
      outputs[state]?.push(index);
    });

    // Breadth first, so a state's fail target is complete before the state is.
    const next = new Int32Array(children.length * ALPHABET);
    const fail = new Int32Array(children.length);
    const queue: number[] = [];
    for (let code = 0; code < ALPHABET; code += 1) {
      const child = children[0]?.get(code) ?? 0;
      next[code] = child;
      if (child !== 0) queue.push(child);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] ?? 0;
      const own = outputs[state] ?? [];
      for (const inherited of outputs[fail[state] ?? 0] ?? []) own.push(inherited);
      for (let code = 0; code < ALPHABET; code += 1) {
        const child = children[state]?.get(code);
        const viaFail = next[(fail[state] ?? 0) * ALPHABET + code] ?? 0;
        if (child === undefined) {
          next[state * ALPHABET + code] = viaFail;
        } else {
          next[state * ALPHABET + code] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
    // The hot loop reads `next[offset + code]` with no multiply and no case test: entries hold
    // a state's offset (state × ALPHABET), and an uppercase letter steps like its lowercase one.
    for (let state = 0; state < children.length; state += 1) {
      const base = state * ALPHABET;
      for (let code = 0; code < ALPHABET; code += 1) next[base + code] = (next[base + code] ?? 0) * ALPHABET;
      for (let code = UPPER_A; code <= UPPER_Z; code += 1) next[base + code] = next[base + code + CASE_STEP] ?? 0;
    }
    this.#next = next;
    this.#outputs = outputs;
    this.#ends = Uint8Array.from(outputs, (out) => {
      if (out.some((keyword) => this.#located[keyword])) return EVERY_TIME;
      return out.length > 0 ? ONCE : NO_KEYWORD;
    });
  }

  /** Which keywords occur in `text`, by index into the constructor's list. */
  find(text: string): boolean[] {
    return this.locate(text).found;
  }

  /** Which keywords occur in `text`, and where the located ones start. */
  locate(text: string): KeywordHits {
    const found = new Array<boolean>(this.#lengths.length).fill(false);
    const starts: Array<number[] | undefined> = [];
    const next = this.#next;
    const outputs = this.#outputs;
    const located = this.#located;
    // A ONCE state's keywords are recorded the first time it is reached, then never looked at
    // again: states ending in `.` or `:` are reached on nearly every line.
    const pending = this.#ends.slice();
    const length = text.length;
    let offset = 0;
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        offset = 0;
        continue;
      }
      // In range by construction: every state has ALPHABET entries.
      offset = next[offset + code] as number;
      const state = offset >> STATE_SHIFT;
      const kind = pending[state];
      if (kind === NO_KEYWORD) continue;
      if (kind === ONCE) pending[state] = NO_KEYWORD;
      for (const keyword of outputs[state] ?? []) {
        found[keyword] = true;
        if (located[keyword] === true) (starts[keyword] ??= []).push(i + 1 - (this.#lengths[keyword] ?? 0));
      }
    }
    return { found, starts };
  }
}
