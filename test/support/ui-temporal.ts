import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A port nobody listens on right now, for the dev server's Web UI (`createHarness(…, { uiPort })`),
 * so parallel test files never collide on 8233.
 */
export async function freePort(): Promise<number> {
  // Below the kernel's ephemeral range (32768–60999 by default), where the other test files'
  // servers (port 0) and outgoing connections never land: the port is bound only seconds later.
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      server.close();
      await once(server, 'close');
      return port;
    }
  }
}

/**
 * Waits until the Temporal Web UI answers. The SDK's dev-server start waits for the frontend
 * only; the UI server comes up beside it, a moment later.
 */
export async function waitForTemporalUi(uiBase: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(uiBase);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      // Connection refused while the UI server is still starting: try again until the deadline.
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Temporal Web UI at ${uiBase} did not answer within ${timeoutMs} ms (${last}); does this Temporal CLI serve a UI?`);
}
