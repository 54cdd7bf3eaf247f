/**
 * Finding elements the way a user of assistive technology does: by role and accessible name
 * (ARCHITECTURE.md, "Accessible names"). The computation runs in the page (roles.page.js).
 */
import { browser } from '@wdio/globals';
import { readFileSync } from 'node:fs';

const pageFunction = readFileSync(new URL('./roles.page.js', import.meta.url), 'utf8');
const script = `${pageFunction}\nreturn findByRole.apply(null, arguments);`;

/** An exact accessible name (whitespace-collapsed), or a pattern it must match. */
export type AccessibleName = string | RegExp;

type SerializedName = string | { source: string; flags: string } | null;
type ElementReference = Record<string, string>;

function serialize(name: AccessibleName | undefined): SerializedName {
  if (name === undefined) return null;
  return typeof name === 'string' ? name : { source: name.source, flags: name.flags };
}

function describeQuery(role: string, name: AccessibleName | undefined): string {
  return name === undefined ? `role "${role}"` : `role "${role}" named ${JSON.stringify(String(name))}`;
}

/** Every visible element with this role (and name, when given), optionally inside `within`. */
export async function allByRole(
  role: string,
  name?: AccessibleName,
  within?: WebdriverIO.Element,
): Promise<WebdriverIO.Element[]> {
  const refs = (await browser.execute(script, role, serialize(name), within ?? null, false)) as ElementReference[];
  // `$` accepts a WebDriver element reference and wraps it as a WebdriverIO element.
  return Promise.all(refs.map((ref) => browser.$(ref as unknown as string).getElement()));
}

/** The accessible names of every visible element with this role (for error messages). */
export async function namesByRole(role: string, within?: WebdriverIO.Element): Promise<string[]> {
  return (await browser.execute(script, role, null, within ?? null, true)) as string[];
}

/**
 * The one element with this role and name, waiting for it to appear (the UI renders
 * asynchronously). Fails with the names that do exist when there is none, or more than one.
 */
export async function byRole(
  role: string,
  name?: AccessibleName,
  options: { within?: WebdriverIO.Element; timeoutMs?: number } = {},
): Promise<WebdriverIO.Element> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let found: WebdriverIO.Element[] = [];
  try {
    await browser.waitUntil(async () => {
      found = await allByRole(role, name, options.within);
      return found.length > 0;
    }, { timeout: timeoutMs, interval: 100 });
  } catch {
    const present = await namesByRole(role, options.within).catch(() => [] as string[]);
    throw new Error(`no element with ${describeQuery(role, name)} within ${timeoutMs} ms; ` +
      `elements with that role: ${JSON.stringify(present)}`);
  }
  if (found.length > 1) {
    throw new Error(`${found.length} elements with ${describeQuery(role, name)}; expected one`);
  }
  return found[0];
}

/** Waits until no visible element has this role and name. */
export async function waitForNoRole(role: string, name?: AccessibleName, timeoutMs = 10_000): Promise<void> {
  await browser.waitUntil(async () => (await allByRole(role, name)).length === 0, {
    timeout: timeoutMs,
    interval: 100,
    timeoutMsg: `an element with ${describeQuery(role, name)} is still shown after ${timeoutMs} ms`,
  });
}

/**
 * Opens a <details> disclosure by clicking its summary (role button), unless it is open already
 * (its expanded state: the `open` of the <details> the summary belongs to).
 */
export async function openDisclosure(summary: WebdriverIO.Element): Promise<void> {
  const expanded = async () => (await summary.parentElement().getAttribute('open')) !== null;
  if (await expanded()) return;
  await summary.scrollIntoView();
  await summary.click();
  await browser.waitUntil(expanded, { timeout: 5_000, timeoutMsg: 'the disclosure did not open' });
}
