const ALPHABET = 128;

/**
 * An Aho–Corasick automaton over ASCII keywords, matched ignoring case: one pass over a text
 * tells which keywords occur in it, however many keywords there are. Characters outside ASCII
 * match no keyword and restart matching.
 */
export class KeywordIndex {
  readonly #next: Int32Array;
  /** Per state, the keywords (indices) that end there, fail links followed. */
  readonly #outputs: ReadonlyArray<readonly number[]>;
  /** 1 where a keyword ends, so the hot loop tests a byte instead of an array. */
  readonly #ends: Uint8Array;
  readonly #keywordCount: number;

  constructor(keywords: readonly string[]) {
    this.#keywordCount = keywords.length;
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
    this.#next = next;
    this.#outputs = outputs;
    this.#ends = Uint8Array.from(outputs, (out) => (out.length > 0 ? 1 : 0));
  }

  /** Which keywords occur in `text`, by index into the constructor's list. */
  find(text: string): boolean[] {
    const found = new Array<boolean>(this.#keywordCount).fill(false);
    const next = this.#next;
    const ends = this.#ends;
    const length = text.length;
    let missing = this.#keywordCount;
    let state = 0;
    for (let i = 0; i < length && missing > 0; i += 1) {
      let code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        state = 0;
        continue;
      }
      if (code >= 65 && code <= 90) code += 32;
      // In range by construction: every state has ALPHABET entries.
      state = next[state * ALPHABET + code] as number;
      if (ends[state] === 0) continue;
      for (const keyword of this.#outputs[state] ?? []) {
        if (!found[keyword]) {
          found[keyword] = true;
          missing -= 1;
        }
      }
    }
    return found;
  }
}
