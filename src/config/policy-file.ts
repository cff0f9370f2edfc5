import { existsSync } from 'node:fs';
import path from 'node:path';

/** COUNTERSIGN_POLICY when set; else countersign.yaml when present; else the shipped example. */
export function choosePolicyFile(configured: string | undefined, cwd: string): string {
  if (configured !== undefined) return configured;
  const own = path.resolve(cwd, 'countersign.yaml');
  return existsSync(own) ? own : path.resolve(cwd, 'countersign.example.yaml');
}
