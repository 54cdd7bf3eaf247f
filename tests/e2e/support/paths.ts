/** Where things are: the repository, the app binary under test, the run's output files. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Logs, data directories and notification logs of each run (git-ignored). */
export const outputDir = resolve(process.env.STINT_E2E_OUT ?? resolve(repoRoot, 'tests/out/e2e'));

/**
 * The app under test: STINT_APP if set (the Makefile and scripts/e2e.sh set it), otherwise the
 * debug build in Cargo's target directory.
 */
export function appBinary(): string {
  const targetDir = resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target');
  const binary = resolve(process.env.STINT_APP ?? resolve(targetDir, 'debug/stint'));
  if (!existsSync(binary)) {
    throw new Error(`the app is not built: ${binary} does not exist (make build, or set STINT_APP)`);
  }
  return binary;
}
