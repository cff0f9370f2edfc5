import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from './parse-command.ts';

describe('slash command text', () => {
  it('reads kill with its reason and the optional --rollback', () => {
    assert.deepEqual(parseCommand('kill bad deploy in prod'), { kind: 'kill', reason: 'bad deploy in prod', rollback: false });
    assert.deepEqual(parseCommand('  kill --rollback  bad deploy '), { kind: 'kill', reason: 'bad deploy', rollback: true });
  });

  it('asks for what is missing instead of guessing', () => {
    assert.deepEqual(parseCommand('kill --rollback'), { kind: 'help', problem: 'give a reason: `/countersign kill [--rollback] <reason>`' });
    assert.deepEqual(parseCommand('status'), { kind: 'help', problem: 'name the action: `/countersign status <action id>`' });
    assert.deepEqual(parseCommand('frobnicate'), { kind: 'help', problem: 'unknown command `frobnicate`' });
  });

  it('reads resume, status, pending and help', () => {
    assert.deepEqual(parseCommand('resume'), { kind: 'resume' });
    assert.deepEqual(parseCommand('status act-42'), { kind: 'status', actionId: 'act-42' });
    assert.deepEqual(parseCommand('list'), { kind: 'pending' });
    assert.deepEqual(parseCommand(''), { kind: 'help' });
  });
});
