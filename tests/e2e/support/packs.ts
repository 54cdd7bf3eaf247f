/** Test pack files: the sample packs of the repository, and fixtures filled in with instants at test time. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './paths.ts';

export const samplePack = (name: string): string => resolve(repoRoot, 'packs', name);

/** A pack's local wall time in UTC, whole seconds, without an offset: "2026-11-21T01:30:07". */
export function utcWallTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/**
 * Writes tests/e2e/fixtures/<fixture> to `dir`, with every `{{NAME}}` replaced by `values[NAME]`;
 * returns the written file's path. Fails on a placeholder left unfilled.
 */
export function writeFixturePack(fixture: string, dir: string, values: Record<string, string>): string {
  const template = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8');
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`${fixture}: no value for {{${key}}}`);
    return values[key];
  });
  const path = join(dir, fixture);
  writeFileSync(path, text);
  return path;
}
