import { resumeGovernor } from '../../requests/resume-governor.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { requireSigner } from '../signer.ts';

export interface ResumeOptions {
  json?: boolean;
}

/** `resume`: lifts the freeze, attesting the current freeze's epoch as the CLI channel. */
export async function resume(deps: CliDeps, options: ResumeOptions = {}): Promise<number> {
  const signer = requireSigner(deps);
  if (signer === undefined) return ExitCode.Refused;
  const answer = await resumeGovernor(deps.temporal, { approver: signer.operator, channel: 'cli', privateKey: signer.privateKey });
  if (answer.resumed) {
    deps.out(options.json ? JSON.stringify(answer.status) : 'resumed');
    return ExitCode.Ok;
  }
  if (answer.refused && options.json) deps.out(JSON.stringify({ resumed: false, code: answer.code, message: answer.message }));
  else deps.err(answer.refused ? `refused: ${answer.message}` : answer.message);
  return ExitCode.Refused;
}
