// `npm run demo`: a scripted agent against the running Countersign (`npm start` in another
// terminal). Like any agent it holds one thing, its key, and talks only to the gateway.
import { randomBytes } from 'node:crypto';
import { connectCountersign, CountersignError as GatewayError } from '../../clients/typescript/src/index.ts';
import { loadConfig } from '../config/load-config.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { demoKeyFile, readDemoKey } from '../start/demo-agent-key.ts';
import { reportFailure } from '../start/report-failure.ts';
import { playDemo } from './play-demo.ts';

try {
  const config = loadConfig(process.env);
  const apiKey = config.env.COUNTERSIGN_API_KEY ?? (await readDemoKey(config.dataDir));
  if (!apiKey) {
    throw new CountersignError(
      ErrorCode.ApiKeyMissing,
      `no key for the demo agent: start Countersign first (npm start issues one into ${demoKeyFile(config.dataDir)}), or set COUNTERSIGN_API_KEY`,
    );
  }
  const countersign = await connectCountersign({ url: config.env.COUNTERSIGN_URL ?? config.http.publicUrl, apiKey });
  await playDemo({
    countersign,
    out: (line) => console.log(line),
    uiUrl: config.temporal.uiUrl,
    namespace: config.temporal.namespace,
    run: randomBytes(3).toString('hex'),
  });
} catch (error) {
  if (error instanceof GatewayError) console.error(`countersign demo: ${error.message}`);
  else reportFailure(error);
  process.exitCode = 1;
}
