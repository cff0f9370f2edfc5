/** The process environment, as configuration hands it down (executors, notifiers, keys read it). */
export type Env = Readonly<Record<string, string | undefined>>;

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}/g;

export type Resolved = { ok: true; value: string } | { ok: false; missing: string[] };

/**
 * Replaces `${NAME}` with the variable's value (`Bearer ${HOOK_TOKEN}`), as http executor and
 * webhook headers write it. Unset and empty variables are reported, never replaced by ''.
 */
export function resolveVariables(template: string, env: Env): Resolved {
  const missing: string[] = [];
  const value = template.replace(VARIABLE, (_, variable: string) => {
    const resolved = env[variable];
    if (resolved === undefined || resolved === '') {
      missing.push(variable);
      return '';
    }
    return resolved;
  });
  return missing.length === 0 ? { ok: true, value } : { ok: false, missing };
}
