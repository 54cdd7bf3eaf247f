/**
 * What the notification daemon saw. python3-dbusmock logs every method call on its own line,
 * prefixed with the wall-clock time of the call in seconds with millisecond precision:
 *
 *   1763682948.883 Notify "Stint" 0 "" "Focus done" "5 minute break…" [] {…} 5000
 *
 * (arguments of Notify: app_name, replaces_id, app_icon, summary, body, actions, hints, timeout;
 * strings are quoted but not escaped, so only the leading fields are read reliably).
 */
import { existsSync, readFileSync } from 'node:fs';

export interface Notification {
  /** When the daemon received the call, epoch milliseconds. */
  atMs: number;
  appName: string;
  /** The rest of the logged arguments (summary, body, actions, hints, timeout), for messages. */
  details: string;
}

const NOTIFY_LINE = /^(\d+\.\d+) Notify "([^"]*)" \d+ (.*)$/;

export function readNotifications(logFile: string): Notification[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .map((line) => NOTIFY_LINE.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, seconds, appName, details]) => ({
      atMs: Math.round(Number(seconds) * 1000),
      appName,
      details,
    }));
}
