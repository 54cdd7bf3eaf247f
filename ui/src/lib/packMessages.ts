// What a pack import did, in words for the Calls view.
import type { PackImport } from './bindings/PackImport';
import type { PackSource } from './bindings/PackSource';

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describePackImport(r: PackImport): string {
  switch (r.action) {
    case 'installed':
      return `Installed ${r.name} v${r.version}: ${count(r.formats.length, 'format')} and ${count(r.calls.length, 'call')}.`;
    case 'updated':
      return `Updated ${r.name} to v${r.version}${r.installed_version ? ` (was v${r.installed_version})` : ''}. Your history is unchanged.`;
    case 'already_current':
      return `${r.name} v${r.version} is already current: nothing changed.`;
    case 'replaced':
      return `Replaced ${r.name} with v${r.version} from the pack you confirmed. Your history is unchanged.`;
    case 'older':
      return `Older version ignored: the file has ${r.name} v${r.version}, you have v${r.installed_version ?? '?'}. Nothing changed.`;
  }
}

/** Where a pack came from, for a sentence: "the file tw.stint.json". */
export function describePackSource(s: PackSource): string {
  switch (s.kind) {
    case 'bundled':
      return 'the installer';
    case 'file':
      return `the file ${s.name}`;
    case 'link':
      return `a stint:// link to the file ${s.name}`;
    case 'unknown':
      return 'an earlier Stint, which did not record it';
  }
}
