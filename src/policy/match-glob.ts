import picomatch from 'picomatch';

export interface GlobOptions {
  /** Match letters regardless of case; blacklists use it so `github.com/securebananalabs/x` is caught too. */
  ignoreCase?: boolean;
}

const matchers = new Map<string, (value: string) => boolean>();

/**
 * Whether `value` matches the picomatch glob `pattern`. `*` matches within one `/`-separated
 * segment and `**` across segments, so `github.com/acme/*` is one owner's repositories and
 * `github.com/acme/**` everything under them; action names have no `/`, so `merge_*` works there.
 * Segments starting with `.` (`.github`) match like any other: a blacklist must not miss them.
 */
export function matchesGlob(pattern: string, value: string, options: GlobOptions = {}): boolean {
  const ignoreCase = options.ignoreCase ?? false;
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher = picomatch(pattern, { dot: true, nocase: ignoreCase });
    matchers.set(key, matcher);
  }
  return matcher(value);
}

/** The first pattern that matches `value`, if any. */
export function firstMatchingGlob(
  patterns: readonly string[],
  value: string,
  options: GlobOptions = {},
): string | undefined {
  return patterns.find((pattern) => matchesGlob(pattern, value, options));
}
