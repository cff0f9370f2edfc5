import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { statusQuery } from '../workflows/messages.ts';
import { launchChromium, saveFailureScreenshot } from './support/browser.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { actionRow, auditEvents, eventually, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';
import { freePort, waitForTemporalUi } from './support/ui-temporal.ts';

// What the operator types into the signal form's Data field, character by character.
const ROLLBACK_JSON = '{"by": "erin", "reason": "rolled back from the UI"}';
// The UI loads the workflow and its handler list over several requests; generous, not a sleep.
const UI_TIMEOUT_MS = 30_000;

describe('the Temporal Web UI, driven in a real browser as an operator does', () => {
  let h: Harness;
  let uiBase: string;
  let browser: Browser;

  before(async () => {
    const uiPort = await freePort();
    // A long window, so the action is still waiting in it whatever the browser's pace.
    h = await createHarness(testPolicy({ rollbackWindow: '2m' }), { uiPort });
    uiBase = `http://localhost:${uiPort}`;
    await waitForTemporalUi(uiBase);
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await h.close();
  });

  it('rolls back a published action from More Actions → Send a Signal → rollback', async (t) => {
    const started = await h.startAction(request({ params: { title: 'Guard against null user', amount: 5 } }));
    assert.ok(started.kind === 'governed');
    await eventually(async () => ((await actionRow(h.db.pool, started.actionId))?.state === 'published' ? true : undefined));

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await page.goto(`${uiBase}/namespaces/default/workflows/${started.workflowId}`);
      await page.getByRole('heading', { name: started.workflowId }).waitFor();
      await page.getByRole('button', { name: 'More Actions' }).click();
      await page.getByRole('menuitem', { name: 'Send a Signal' }).click();

      const form = page.getByRole('dialog', { name: 'Send a Signal' });
      await form.getByRole('button', { name: 'Select a signal' }).click();
      // The picker lists the workflow's signal handlers with their descriptions.
      const rollback = form.getByRole('option', { name: /^rollback\b/ });
      assert.match((await rollback.textContent()) ?? '', /Roll back this published action inside its rollback window/);
      await rollback.click();

      const data = form.getByRole('textbox', { name: 'Data' });
      await data.click();
      await page.keyboard.type(ROLLBACK_JSON);
      // The editor closes brackets and quotes as one types; the field must still hold exactly what was typed.
      assert.equal(await data.textContent(), ROLLBACK_JSON);
      await form.getByRole('button', { name: 'Submit' }).click();
      // The toast, and its copy in a screen reader's live region.
      await page.getByText('Workflow signaled.').first().waitFor();
    } catch (error) {
      await saveFailureScreenshot(page, t.name);
      throw error;
    } finally {
      await page.close();
    }

    // The signal is durable once Temporal accepted it; the worker rolls back within seconds.
    await eventually(async () => ((await actionRow(h.db.pool, started.actionId))?.state === 'rolled_back' ? true : undefined), 15_000);
    assert.equal(await started.result(), 'rolled_back');
    const entries = await ledgerEntries(h.db.pool, started.actionId);
    assert.deepEqual(entries.map((e) => [e.kind, e.amount]), [['entry', '5'], ['reversal', '-5']]);
    const events = await auditEvents(h.db.pool, started.actionId);
    const asked = events.find((e) => e.type === 'rollback_requested');
    assert.equal(asked?.actor, 'erin');
    assert.equal(asked?.payload.reason, 'rolled back from the UI');
    assert.equal(events.at(-1)?.type, 'rolled_back');
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.rollback, { by: 'erin', reason: 'rolled back from the UI', cause: 'manual' });
  });
});
