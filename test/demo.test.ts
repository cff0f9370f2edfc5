import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { connectCountersign } from '../clients/typescript/src/index.ts';
import { playDemo } from '../src/demo/play-demo.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { eventually } from './support/queries.ts';
import { runCountersign } from './support/run-cli.ts';

describe('npm run demo against the example policy', () => {
  let h: Harness;
  const out: string[] = [];
  before(async () => {
    h = await createHarness(await readFile(new URL('../countersign.example.yaml', import.meta.url), 'utf8'), { gateway: true });
    assert.ok(h.gateway);
    // The demo is an agent like any other: one key, the gateway, nothing else.
    const countersign = await connectCountersign({ url: h.gateway.url, apiKey: await h.gateway.issueKey('bounty-hunter') });
    await playDemo({ countersign, out: (line) => out.push(...line.split('\n')), uiUrl: 'http://ui.test', namespace: 'default', run: 'test' });
  });
  after(() => h.close());

  /** Runs a command line exactly as the demo printed it: `COUNTERSIGN_OPERATOR=x npx countersign ...`. */
  async function runPrinted(line: string): Promise<number> {
    const match = /COUNTERSIGN_OPERATOR=(\w+) npx countersign (.+)$/.exec(line.trim());
    assert.ok(match, `a runnable command: ${line}`);
    const args = [...(match[2] ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    const run = await runCountersign(h, args, { operator: match[1] });
    assert.deepEqual(run.err, []);
    return run.code;
  }

  const section = (n: number): string[] => {
    const start = out.findIndex((line) => line.startsWith(`${n}. `));
    const end = out.findIndex((line, i) => i > start && (line === '' || /^\d+\. /.test(line)));
    return out.slice(start, end === -1 ? undefined : end);
  };
  const actionIdIn = (lines: string[]): string => {
    const id = /actions show (\S+)/.exec(lines.join('\n'))?.[1];
    assert.ok(id, lines.join('\n'));
    return id;
  };
  const stateOf = async (id: string) => (await h.db.pool.query<{ state: string }>('SELECT state FROM actions WHERE action_id = $1', [id])).rows[0]?.state;

  it('prints one action of each tier, and the guardrails, with what happened', () => {
    assert.match(section(1).join('\n'), /^1\. tier 0, read-only: read_repository on github\.com\/acme\/payments-api\n {3}allowed at once \(tier 0, actions\.read_repository\.tier\)/);
    assert.match(section(2).join('\n'), /allowed at once \(tier 1/);
    assert.match(section(3).join('\n'), /published \(ledger \S+\); inside its rollback window until \d{4}-/);
    assert.match(section(3).join('\n'), /Temporal UI: http:\/\/ui\.test\/namespaces\/default\/workflows\/action-/);
    assert.match(section(4).join('\n'), /waiting for 1 of alice, bob, carol by \d{4}-/);
    assert.match(section(5).join('\n'), /waiting for 2 of alice, bob, carol, dave/);
    assert.match(section(6).join('\n'), /refused \(policy_resource_blacklisted\)/);
    assert.match(section(7).join('\n'), /blocked: DLP found aws_secret_access_key in draft; nothing was published/);
    assert.ok(!out.join('\n').includes('wJalrXUtnFEMI'), 'the secret itself is never printed');
  });

  it('the commands it prints work: approve the tier-3 and tier-4 actions, roll back the tier-2 one', async () => {
    const tier3 = section(4);
    const approve3 = tier3.find((line) => line.includes('countersign approve '));
    assert.ok(approve3);
    assert.equal(await runPrinted(approve3), 0);
    const merged = actionIdIn(tier3);
    await eventually(async () => ((await stateOf(merged)) === 'published' ? true : undefined));

    const tier4 = section(5);
    const approvals = tier4.filter((line) => line.includes('countersign approve '));
    assert.equal(approvals.length, 2);
    for (const line of approvals) {
      assert.match(line, /--confirm$/);
      assert.equal(await runPrinted(line), 0);
    }
    const deleted = actionIdIn(tier4);
    await eventually(async () => ((await stateOf(deleted)) === 'published' ? true : undefined));

    const tier2 = section(3);
    const rollback = tier2.find((line) => line.includes('countersign rollback '));
    assert.ok(rollback);
    assert.equal(await runPrinted(rollback), 0);
    const pr = actionIdIn(tier2);
    await eventually(async () => ((await stateOf(pr)) === 'rolled_back' ? true : undefined));
  });
});
