// Pure: the text after the slash command, read into one operator request.

export type OperatorCommand =
  | { kind: 'kill'; reason: string; rollback: boolean }
  | { kind: 'resume' }
  | { kind: 'status'; actionId: string }
  | { kind: 'pending' }
  | { kind: 'help'; problem?: string };

export const USAGE = [
  '`/countersign pending`: the actions waiting for approval',
  '`/countersign status <action id>`: where one action stands',
  '`/countersign kill [--rollback] <reason>`: freeze Countersign and halt every open action (operators)',
  '`/countersign resume`: lift the freeze (operators)',
].join('\n');

export function parseCommand(text: string): OperatorCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [verb = 'help', ...rest] = words;
  switch (verb.toLowerCase()) {
    case 'kill': {
      const rollback = rest.includes('--rollback');
      const reason = rest.filter((w) => w !== '--rollback').join(' ');
      return reason ? { kind: 'kill', reason, rollback } : { kind: 'help', problem: 'give a reason: `/countersign kill [--rollback] <reason>`' };
    }
    case 'resume':
      return { kind: 'resume' };
    case 'status':
      return rest[0] ? { kind: 'status', actionId: rest[0] } : { kind: 'help', problem: 'name the action: `/countersign status <action id>`' };
    case 'pending':
    case 'list':
      return { kind: 'pending' };
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'help', problem: `unknown command \`${verb}\`` };
  }
}
