// `npm test`: makes sure the Temporal CLI is there once, then runs every *.test.ts with node's
// test runner, which ends with its own count of passes and failures.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['src', 'workflows', 'activities', 'slack-app', 'test'];
const only = process.argv.slice(2);

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = (only.length ? only : roots.flatMap((r) => collect(r, []))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const prepare = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/prepare.ts'], { stdio: 'inherit' });
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
