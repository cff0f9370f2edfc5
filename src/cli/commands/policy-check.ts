import { CountersignError } from '../../errors/countersign-error.ts';
import { PolicyInvalidError } from '../../errors/request-errors.ts';
import { loadPolicy } from '../../policy/load-policy.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';

export interface PolicyCheckOptions {
  json?: boolean;
}

/** `policy check <file>`: validates a governance file; each problem is one line. */
export async function policyCheck(deps: CliDeps, file: string, options: PolicyCheckOptions = {}): Promise<number> {
  try {
    const loaded = await loadPolicy(file);
    if (options.json) deps.out(JSON.stringify({ ok: true, file, version: loaded.version }));
    else deps.out(`policy ${file} is valid (version ${loaded.version})`);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof CountersignError)) throw error;
    const issues = error instanceof PolicyInvalidError ? error.issues : [];
    if (options.json) deps.out(JSON.stringify({ ok: false, file, code: error.code, message: error.message, issues }));
    else for (const line of error.message.split('\n')) deps.err(line);
    return ExitCode.Refused;
  }
}
