#!/usr/bin/env node
// Writes the updater's manifest (latest.json) for one release, from the release's assets: every
// updater bundle (AppImage, .deb, .rpm, .msi, NSIS -setup.exe, macOS .app.tar.gz) beside its minisign
// signature (<asset>.sig). tauri-plugin-updater looks up `<os>-<arch>-<installer>` first (so a .deb
// install updates from the .deb) and then `<os>-<arch>`; both are written, and every platform and
// package type the release workflow builds must be there, or no manifest is written.
//
// Usage: node scripts/release-manifest.mjs --version 0.2.0 --base-url URL [--notes TEXT] DIR
//   DIR holds the release's assets (the installers may be empty placeholders; the .sig files are
//   read). URL is where they are downloaded from: <URL>/<asset name>. The manifest goes to stdout.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** The installer kinds, by how the bundler names them; `default` marks the plain `<os>-<arch>` entry. */
const KINDS = [
  { suffix: ".AppImage", os: "linux", installer: "appimage", default: true },
  { suffix: ".deb", os: "linux", installer: "deb" },
  { suffix: ".rpm", os: "linux", installer: "rpm" },
  { suffix: ".msi", os: "windows", installer: "msi" },
  { suffix: "-setup.exe", os: "windows", installer: "nsis", default: true },
  { suffix: ".app.tar.gz", os: "darwin", installer: "app", default: true },
];

/** What the release workflow builds: a manifest without any of these is refused. */
export const REQUIRED = [
  "linux-x86_64", "linux-x86_64-appimage", "linux-x86_64-deb", "linux-x86_64-rpm",
  "windows-x86_64", "windows-x86_64-msi", "windows-x86_64-nsis",
  "darwin-x86_64", "darwin-x86_64-app", "darwin-aarch64", "darwin-aarch64-app",
];

/** The architectures an asset's name says it runs on (a universal macOS build runs on both). */
function architectures(name) {
  if (/universal/i.test(name)) return ["x86_64", "aarch64"];
  if (/(aarch64|arm64)/i.test(name)) return ["aarch64"];
  if (/(amd64|x86_64|x64)/i.test(name)) return ["x86_64"];
  return [];
}

/**
 * The manifest for `version` from the asset names and signatures in `assets` ({ name → signature text
 * or undefined }). Throws an Error whose message says what is missing.
 */
export function buildManifest({ version, baseUrl, notes = "", pubDate = new Date(), assets }) {
  if (!/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version ?? "")) {
    throw new Error(`the version must be semantic, like 0.2.0; "${version}" is not`);
  }
  const platforms = {};
  const problems = [];
  for (const [name, signature] of Object.entries(assets)) {
    const kind = KINDS.find((k) => name.endsWith(k.suffix));
    if (!kind) continue;
    if (!signature) {
      problems.push(`${name} has no signature (${name}.sig)`);
      continue;
    }
    const arches = architectures(name);
    if (arches.length === 0) problems.push(`${name} does not say which architecture it is for`);
    const entry = { signature: signature.trim(), url: `${baseUrl.replace(/\/$/, "")}/${encodeURIComponent(name)}` };
    for (const arch of arches) {
      const keys = [`${kind.os}-${arch}-${kind.installer}`];
      if (kind.default) keys.push(`${kind.os}-${arch}`);
      for (const key of keys) {
        if (platforms[key]) problems.push(`${name} and ${platforms[key].url} are both for ${key}`);
        else platforms[key] = entry;
      }
    }
  }
  const missing = REQUIRED.filter((key) => !platforms[key]);
  if (missing.length > 0) problems.push(`nothing signed for ${missing.join(", ")}`);
  if (problems.length > 0) throw new Error(`no manifest was written: ${problems.join("; ")}.`);
  const sorted = Object.fromEntries(Object.keys(platforms).sort().map((key) => [key, platforms[key]]));
  return { version, notes, pub_date: pubDate.toISOString(), platforms: sorted };
}

/** The assets in `dir`: every file but the .sig files, each with its signature's text if there is one. */
export function readAssets(dir) {
  const names = readdirSync(dir);
  const assets = {};
  for (const name of names.filter((n) => !n.endsWith(".sig"))) {
    assets[name] = names.includes(`${name}.sig`) ? readFileSync(join(dir, `${name}.sig`), "utf8") : undefined;
  }
  return assets;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    options: { version: { type: "string" }, "base-url": { type: "string" }, notes: { type: "string" } },
    allowPositionals: true,
  });
  try {
    if (positionals.length !== 1 || !values["base-url"]) {
      throw new Error("usage: release-manifest.mjs --version X.Y.Z --base-url URL [--notes TEXT] DIR");
    }
    const manifest = buildManifest({
      version: values.version,
      baseUrl: values["base-url"],
      notes: values.notes,
      assets: readAssets(positionals[0]),
    });
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    process.stderr.write(`release-manifest: ${error.message}\n`);
    process.exit(1);
  }
}
