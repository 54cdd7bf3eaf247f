/**
 * Services on the test's session bus, played by python3-dbusmock: started from a template (one of
 * dbusmock's own, or a file of ours) and waited for until they own their bus name.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startProcess, pollUntil } from './processes.ts';

/** The python3 that has dbusmock: Debian's, not whatever python3 comes first on PATH (pyenv…). */
const DBUSMOCK_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface MockService {
  /** The bus name the template claims. */
  busName: string;
  /** The template's main object. */
  objectPath: string;
  /** dbusmock's template: a name from dbusmock's templates or a path to a .py file. */
  template: string;
  /** The template's parameters (dbusmock -p). */
  parameters?: Record<string, unknown>;
  /** dbusmock's log of every call (dbusmock -l), if wanted. */
  callLog?: string;
  /** dbusmock's own output, read when it fails to start. */
  outputFile: string;
  /** The environment (its DBUS_SESSION_BUS_ADDRESS names the bus), when not this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the service and resolves once the mock answers at its name on the session bus. (A real
 * service may hold the name first, D-Bus-activated: the mock replaces it, and only then is it ready.)
 */
export async function startMockService(service: MockService): Promise<ChildProcess> {
  const args = ['-m', 'dbusmock', '--session', '-t', service.template];
  if (service.parameters) args.push('-p', JSON.stringify(service.parameters));
  if (service.callLog) args.push('-l', service.callLog);
  const mock = startProcess(DBUSMOCK_PYTHON, args, { logFile: service.outputFile, env: service.env });
  await pollUntil(
    () => {
      if (mock.exitCode !== null) throw new Error(`dbusmock (${service.busName}) exited early; see ${service.outputFile}`);
      return mockAnswers(service);
    },
    `${service.busName} did not appear on the session bus; see ${service.outputFile}`,
  );
  return mock;
}

/** Whether dbusmock's own interface answers on the service's main object, at its bus name. */
function mockAnswers(service: MockService): boolean {
  try {
    execFileSync('dbus-send', ['--session', '--print-reply', `--dest=${service.busName}`, service.objectPath,
      'org.freedesktop.DBus.Mock.GetCalls'], { stdio: 'ignore', env: service.env });
    return true;
  } catch {
    return false;
  }
}

/** Whether some connection owns `name` on the session bus right now. */
export function busNameOwned(name: string): boolean {
  try {
    const answer = execFileSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
      { encoding: 'utf8' },
    );
    return answer.includes('boolean true');
  } catch {
    return false;
  }
}
