// `npm run demo`: a scripted agent against the running Countersign (`npm start` in another terminal).
import { randomBytes } from 'node:crypto';
import { connectCountersign } from '../client/connect.ts';
import { loadConfig } from '../config/load-config.ts';
import { reportFailure } from '../start/report-failure.ts';
import { playDemo } from './play-demo.ts';

try {
  const config = loadConfig(process.env);
  const countersign = await connectCountersign(process.env);
  try {
    await playDemo({
      countersign,
      out: (line) => console.log(line),
      uiUrl: config.temporal.uiUrl,
      namespace: config.temporal.namespace,
      run: randomBytes(3).toString('hex'),
    });
  } finally {
    await countersign.close();
  }
} catch (error) {
  reportFailure(error);
  process.exitCode = 1;
}
