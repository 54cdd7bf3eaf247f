// The release manifest (scripts/release-manifest.mjs): an entry for every platform and package type,
// and no manifest at all when one is missing or unsigned.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildManifest, readAssets, REQUIRED } from "../../scripts/release-manifest.mjs";

const BASE = "https://example.org/releases/download/v0.2.0";
/** The assets of a complete release, as the bundler names them, each signed. */
function release() {
  const names = [
    "Stint_0.2.0_amd64.AppImage", "Stint_0.2.0_amd64.deb", "Stint-0.2.0-1.x86_64.rpm",
    "Stint_0.2.0_x64_en-US.msi", "Stint_0.2.0_x64-setup.exe",
    "Stint_universal.app.tar.gz", "Stint_0.2.0_universal.dmg",
  ];
  return Object.fromEntries(names.map((n) => [n, n.endsWith(".dmg") ? undefined : `sig of ${n}\n`]));
}

test("every platform and package type gets its own entry, with its signature and URL", () => {
  const manifest = buildManifest({ version: "0.2.0", baseUrl: BASE, notes: "New", assets: release() });
  for (const key of REQUIRED) assert.ok(manifest.platforms[key], `missing ${key}`);
  assert.deepEqual(manifest.platforms["linux-x86_64-deb"], {
    signature: "sig of Stint_0.2.0_amd64.deb",
    url: `${BASE}/Stint_0.2.0_amd64.deb`,
  });
  assert.equal(manifest.platforms["linux-x86_64-rpm"].url, `${BASE}/Stint-0.2.0-1.x86_64.rpm`);
  assert.equal(manifest.platforms["linux-x86_64"].url, `${BASE}/Stint_0.2.0_amd64.AppImage`);
  assert.equal(manifest.platforms["windows-x86_64"].url, `${BASE}/Stint_0.2.0_x64-setup.exe`);
  assert.equal(manifest.platforms["darwin-aarch64"].url, manifest.platforms["darwin-x86_64"].url);
  assert.equal(manifest.version, "0.2.0");
  assert.equal(manifest.notes, "New");
});

test("a release with only an AppImage is refused: a .deb install would find no update", () => {
  const assets = { "Stint_0.2.0_amd64.AppImage": "sig" };
  assert.throws(() => buildManifest({ version: "0.2.0", baseUrl: BASE, assets }), /linux-x86_64-deb/);
});

test("an installer without its signature is refused by name", () => {
  const assets = release();
  assets["Stint-0.2.0-1.x86_64.rpm"] = undefined;
  assert.throws(
    () => buildManifest({ version: "0.2.0", baseUrl: BASE, assets }),
    /Stint-0\.2\.0-1\.x86_64\.rpm has no signature/,
  );
});

test("a version that is not semantic is refused", () => {
  assert.throws(() => buildManifest({ version: "v0.2", baseUrl: BASE, assets: release() }), /semantic/);
});

test("the assets are read from a directory: installers beside their .sig files", () => {
  const dir = mkdtempSync(join(tmpdir(), "stint-manifest-"));
  writeFileSync(join(dir, "Stint_0.2.0_amd64.deb"), "");
  writeFileSync(join(dir, "Stint_0.2.0_amd64.deb.sig"), "signature");
  writeFileSync(join(dir, "Stint_0.2.0_universal.dmg"), "");
  assert.deepEqual(readAssets(dir), { "Stint_0.2.0_amd64.deb": "signature", "Stint_0.2.0_universal.dmg": undefined });
});
