import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

const attestationFile = fileURLToPath(new URL('./attestation.ts', import.meta.url));
const projectModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

// A workflow that verifies an attestation in an update validator, as `approve` does. Temporal's
// bundler fails on any Node built-in reachable from workflow code, so a successful bundle shows
// the whole import graph (zod, @noble/curves, canonical JSON) is fit for the sandbox.
const probeWorkflow = `
import * as wf from '@temporalio/workflow';
import { verifyAttestation } from ${JSON.stringify(attestationFile)};

export const approve = wf.defineUpdate<string, [unknown]>('approve');

export async function probe(publicKey: string): Promise<void> {
  wf.setHandler(approve, () => 'accepted', {
    validator: (decision) => {
      const result = verifyAttestation({
        attestation: (decision as { attestation?: never }).attestation,
        expected: { actionId: 'act-1', actionHash: '0'.repeat(64), approver: 'alice', decision: 'approve', channel: 'cli' },
        channelKeys: { cli: publicKey },
        nowMs: Date.now(),
        maxAgeMs: 600_000,
        seenNonces: new Set(),
      });
      if (!result.ok) throw wf.ApplicationFailure.nonRetryable(result.reason, result.code);
    },
  });
  await wf.condition(() => false);
}
`;

describe('attestation in the workflow sandbox', () => {
  it('bundles into a workflow that verifies in an update validator', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'countersign-attestation-'));
    try {
      const workflowsPath = path.join(dir, 'probe-workflow.ts');
      await writeFile(workflowsPath, probeWorkflow);
      const bundle = await bundleWorkflowCode({
        workflowsPath,
        logger: new DefaultLogger('WARN'),
        // The probe lives outside the project; let it find the project's packages.
        webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, modules: [...(config.resolve?.modules ?? ['node_modules']), projectModules] } }),
      });
      assert.match(bundle.code, /verifyAttestation/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
