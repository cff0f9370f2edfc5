import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** Keeps the SDK's INFO lines out of the test report; warnings and errors still show. */
export function quietTemporalRuntime(): void {
  if (installed) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  installed = true;
}

/** For a test that reads the SDK's log lines: it installs the runtime itself, and this keeps out. */
export function runtimeInstalledByTest(): void {
  installed = true;
}
