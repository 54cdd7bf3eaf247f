/**
 * The desktop's light/dark preference, as the XDG desktop portal publishes it
 * (org.freedesktop.portal.Settings, org.freedesktop.appearance color-scheme), played by
 * python3-dbusmock with our template support/portal_settings.py. It takes the portal's name over from
 * a real xdg-desktop-portal that D-Bus may have started (Debian's WebKit pulls one in).
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockService } from './dbusmock.ts';
import { stopProcess } from './processes.ts';

/** The portal's values of color-scheme. */
export const ColorScheme = { NoPreference: 0, Dark: 1, Light: 2 } as const;
export type ColorScheme = (typeof ColorScheme)[keyof typeof ColorScheme];

const BUS_NAME = 'org.freedesktop.portal.Desktop';
const OBJECT_PATH = '/org/freedesktop/portal/desktop';
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'portal_settings.py');

export class DesktopPortal {
  private constructor(private readonly mock: ChildProcess) {}

  /** Starts the portal on the session bus with the desktop preferring `colorScheme`. */
  static async start(colorScheme: ColorScheme, runDir: string): Promise<DesktopPortal> {
    const mock = await startMockService({
      busName: BUS_NAME,
      objectPath: OBJECT_PATH,
      template: TEMPLATE,
      parameters: { 'color-scheme': colorScheme },
      outputFile: join(runDir, 'portal.out'),
    });
    return new DesktopPortal(mock);
  }

  /** The desktop switches its preference: the portal stores it and emits SettingChanged. */
  setColorScheme(colorScheme: ColorScheme): void {
    execFileSync('dbus-send', ['--session', '--print-reply', `--dest=${BUS_NAME}`, OBJECT_PATH,
      'org.stint.Test.Appearance.SetColorScheme', `uint32:${colorScheme}`]);
  }

  stop(): Promise<void> {
    return stopProcess(this.mock);
  }
}
