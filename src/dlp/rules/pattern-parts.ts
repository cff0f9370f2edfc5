// Fragments the assignment-shaped rules share. All bounded, all single-line.

/**
 * `KEY=v`, `key: v`, `"key": "v"`, a Markdown table row `| KEY | v |`, prose `KEY set to v`: an
 * optional closing quote or backtick, then `:`, `=`, `|`, `is` or `set to` on the same line.
 */
export const ASSIGN = String.raw`["'\`]?(?:[ \t]{0,8}[:=|]|[ \t]{1,8}(?:is|set to|was))[ \t]{0,8}`;

/** The opening quote or backtick of a value, if any. */
export const OPEN_QUOTE = String.raw`["'\`]?`;

/** A value that may be quoted (then it may hold spaces) or bare (then it ends at whitespace or a quote). */
export const QUOTED_OR_BARE = String.raw`(?:"([^"\r\n]{1,256})"|'([^'\r\n]{1,256})'|["'\`]?([^\s"'=\`|][^\s"'\`]{0,255}))`;

/** Words before `PRIVATE KEY` in a PEM header: `RSA`, `ENCRYPTED`, `OPENSSH`, `PGP`. */
export const KEY_NAME = String.raw`(?:[A-Z0-9]{1,16} ){0,4}`;

/** Token characters (base64url and friends): a token starts where a run of these starts. */
export const NOT_AFTER_TOKEN_CHAR = String.raw`(?<![A-Za-z0-9_-])`;
export const NOT_BEFORE_TOKEN_CHAR = String.raw`(?![A-Za-z0-9_-])`;
