// What a pack import did, in words for the Calls view, in the user's language.
import { m } from './i18n.svelte';
import type { PackImport } from './bindings/PackImport';
import type { PackSource } from './bindings/PackSource';

export function describePackImport(r: PackImport): string {
  const { name, version } = r;
  switch (r.action) {
    case 'installed':
      return m.pack_installed({
        name,
        version,
        formats: m.pack_format_count({ count: r.formats.length }),
        calls: m.pack_call_count({ count: r.calls.length }),
      });
    case 'updated':
      return r.installed_version
        ? m.pack_updated_from({ name, version, previous: r.installed_version })
        : m.pack_updated({ name, version });
    case 'already_current':
      return m.pack_already_current({ name, version });
    case 'replaced':
      return m.pack_replaced({ name, version });
    case 'older':
      return r.installed_version
        ? m.pack_older({ name, version, installed: r.installed_version })
        : m.pack_older_unknown({ name, version });
  }
}

/** Where a pack came from, for a sentence: "the file tw.stint.json". */
export function describePackSource(s: PackSource): string {
  switch (s.kind) {
    case 'bundled':
      return m.pack_source_bundled();
    case 'file':
      return m.pack_source_file({ name: s.name });
    case 'link':
      return m.pack_source_link({ name: s.name });
    case 'unknown':
      return m.pack_source_unknown();
  }
}
