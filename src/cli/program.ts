import { Command, CommanderError } from 'commander';
import { CountersignError } from '../errors/countersign-error.ts';
import { ExitCode, type CliDeps } from './cli-deps.ts';
import { actionsList } from './commands/actions-list.ts';
import { agentsKeyCreate, agentsKeyList, agentsKeyRevoke } from './commands/agents-key.ts';
import { actionsShow } from './commands/actions-show.ts';
import { auditExport } from './commands/audit-export.ts';
import { auditVerify } from './commands/audit-verify.ts';
import { decide } from './commands/decide.ts';
import { keysGenerate } from './commands/keys-generate.ts';
import { kill } from './commands/kill.ts';
import { policyCheck } from './commands/policy-check.ts';
import { resume } from './commands/resume.ts';
import { rollback } from './commands/rollback.ts';
import { status } from './commands/status.ts';
import { parseSince, wholeNumber } from './parse-since.ts';

export type { CliDeps } from './cli-deps.ts';

/** Thrown (through commander's exitOverride) when a command ends with a non-zero exit code. */
const EXIT_CODE = 'countersign.exit';

/**
 * Runs one command's handler: a known Countersign error becomes one line on stderr and exit 1;
 * a non-zero code surfaces from parseAsync as a CommanderError carrying it.
 */
function handled(deps: CliDeps, run: () => Promise<number>): () => Promise<void> {
  return async () => {
    let code: number;
    try {
      code = await run();
    } catch (error) {
      if (!(error instanceof CountersignError)) throw error;
      for (const line of error.message.split('\n')) deps.err(line);
      code = ExitCode.Refused;
    }
    if (code !== ExitCode.Ok) throw new CommanderError(code, EXIT_CODE, '');
  };
}

/** The operator CLI. Errors and non-zero exits throw CommanderError (see runCli). */
export function buildProgram(deps: CliDeps): Command {
  const program = new Command('countersign')
    .description('Operate Countersign: list and show actions, decide, roll back, pull the kill switch, check the audit chain and the policy')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.out(text.trimEnd()),
      writeErr: (text) => deps.err(text.trimEnd()),
    })
    .showHelpAfterError('(run countersign --help for usage)');

  const actions = program.command('actions').description('actions, read from PostgreSQL');
  actions
    .command('list')
    .description('actions newest first')
    .option('--state <state>', 'only actions in this state (e.g. awaiting_approval, published, killed)')
    .option('--agent <agentId>', 'only this agent’s actions')
    .option('--action <name>', 'only this action (e.g. merge_pull_request)')
    .option('--tier <n>', 'only this tier (0–4)', wholeNumber(0, 4))
    .option('--since <when>', 'created since a duration ago (24h, 7d) or a date (2026-11-01)', (v) => parseSince(v))
    .option('--limit <n>', 'actions per page', wholeNumber(1, 1000), 50)
    .option('--page <n>', 'which page, from 1', wholeNumber(1), 1)
    .option('--json', 'print the page as JSON')
    .action((options: Parameters<typeof actionsList>[1]) => handled(deps, () => actionsList(deps, options))());
  actions
    .command('show')
    .description('one action’s whole story: request, tier and rule, DLP findings, approvals, receipts, CI, rollback, kill')
    .argument('<actionId>', 'the action')
    .option('--json', 'print the action, its request (without the draft) and its events as JSON')
    .action((actionId: string, options: { json?: boolean }) => handled(deps, () => actionsShow(deps, actionId, options))());

  program
    .command('status')
    .description('the freeze, actions per state, and pending approvals with their deadlines')
    .option('--json', 'print the status as JSON')
    .action((options: { json?: boolean }) => handled(deps, () => status(deps, options))());

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash-chained audit trail and report the first broken row (exit 2)')
    .option('--json', 'print the verdict as JSON')
    .action((options: { json?: boolean }) => handled(deps, () => auditVerify(deps, options))());

  audit
    .command('export')
    .description('print audit events as JSON Lines, in chain order, hashes included')
    .requiredOption('--since <when>', 'events since a duration ago (24h, 7d) or a date (2026-11-01)', (v) => parseSince(v))
    .action((options: { since: Date }) => handled(deps, () => auditExport(deps, options))());

  program
    .command('keys')
    .description('channel signing keys')
    .command('generate')
    .description('print a new Ed25519 key pair per channel as .env lines (public keys for the worker, each private key for its channel only)')
    .option('--json', 'print the pairs as JSON')
    .action((options: { json?: boolean }) => handled(deps, () => Promise.resolve(keysGenerate(deps, options)))());

  const agents = program.command('agents').description('agents of the policy');
  const agentKey = agents.command('key').description('agents’ API keys: an agent holds one key and reaches Countersign only through the gateway');
  agentKey
    .command('create')
    .description('make a key for an agent of the policy and print it once (at most two live keys per agent, for rotation)')
    .argument('<agentId>', 'the agent, as the policy names it')
    .option('--json', 'print {"agentId", "keyId", "key"}')
    .action((agentId: string, options: { json?: boolean }) => handled(deps, () => agentsKeyCreate(deps, agentId, options))());
  agentKey
    .command('list')
    .description('key ids, their agents, who made them and when, live or revoked (never a secret)')
    .argument('[agentId]', 'only this agent’s keys')
    .option('--json', 'print the keys as JSON')
    .action((agentId: string | undefined, options: { json?: boolean }) => handled(deps, () => agentsKeyList(deps, agentId, options))());
  agentKey
    .command('revoke')
    .description('revoke a key; the gateway refuses it from the next request on')
    .argument('<keyId>', 'the key id (countersign agents key list)')
    .option('--json', 'print the revoked key as JSON')
    .action((keyId: string, options: { json?: boolean }) => handled(deps, () => agentsKeyRevoke(deps, keyId, options))());

  const policy = program.command('policy').description('the governance file');
  policy
    .command('check')
    .description('validate a governance file')
    .argument('<file>', 'the YAML file to check')
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { json?: boolean }) => handled(deps, () => policyCheck(deps, file, options))());

  program
    .command('approve')
    .description('approve an action awaiting approval, signed as the CLI channel')
    .argument('<actionId>', 'the action to approve')
    .option('--comment <text>', 'a comment kept with the approval')
    .option('--confirm', 'confirm a tier-4 (destructive) action explicitly')
    .option('--json', 'print the answer as JSON')
    .action((actionId: string, options: { comment?: string; confirm?: boolean; json?: boolean }) =>
      handled(deps, () => decide(deps, 'approve', actionId, options))(),
    );

  program
    .command('reject')
    .description('reject an action awaiting approval, signed as the CLI channel')
    .argument('<actionId>', 'the action to reject')
    .requiredOption('--reason <text>', 'why, shown in the status and the audit trail')
    .option('--json', 'print the answer as JSON')
    .action((actionId: string, options: { reason: string; json?: boolean }) => handled(deps, () => decide(deps, 'reject', actionId, options))());

  program
    .command('rollback')
    .description('roll back a published action inside its rollback window (refused and audited after it)')
    .argument('<actionId>', 'the action to roll back')
    .requiredOption('--reason <text>', 'why, shown in the status and the audit trail')
    .option('--json', 'print the result as JSON')
    .action((actionId: string, options: { reason: string; json?: boolean }) => handled(deps, () => rollback(deps, actionId, options))());

  program
    .command('kill')
    .description('halt one action, or without an id freeze Countersign and halt every open action')
    .argument('[actionId]', 'the action to halt; omit to kill all')
    .requiredOption('--reason <text>', 'why, kept in the audit trail')
    .option('--rollback', 'also roll back what is published and still inside its rollback window')
    .option('--json', 'print the result as JSON')
    .action((actionId: string | undefined, options: { reason: string; rollback?: boolean; json?: boolean }) =>
      handled(deps, () => kill(deps, actionId, options))(),
    );

  program
    .command('resume')
    .description('lift the freeze (operators named in the policy only), signed as the CLI channel')
    .option('--json', 'print the governor status as JSON')
    .action((options: { json?: boolean }) => handled(deps, () => resume(deps, options))());

  return program;
}

/** Parses `argv` (node, script, ...args) and returns the exit code; other errors propagate. */
export async function runCli(program: Command, argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync([...argv]);
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}
