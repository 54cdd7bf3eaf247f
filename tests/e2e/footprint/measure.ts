/**
 * What a process tree costs over a time window, from /proc (Linux):
 * - wakeups: context switches (voluntary + involuntary) summed over every thread of every process;
 * - CPU seconds: utime + stime of every process (dead threads included, as the kernel counts them);
 * - memory: proportional set size (PSS, smaps_rollup) summed at the end of the window.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantsOf } from '../support/processes.ts';

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface ProcessSample {
  name: string;
  cpuTicks: number;
  contextSwitches: number;
}

export interface ProcessCost {
  pid: number;
  name: string;
  wakeupsPerMinute: number;
  cpuSecondsPerMinute: number;
  pssMegabytes: number;
}

export interface TreeCost {
  wakeupsPerMinute: number;
  cpuSecondsPerMinute: number;
  pssMegabytes: number;
  processes: ProcessCost[];
}

/** Measures `rootPid` and all its descendants for `seconds`; rates are scaled to one minute. */
export async function measureTree(rootPid: number, seconds: number): Promise<TreeCost> {
  const before = sampleTree(rootPid);
  const startedAt = process.hrtime.bigint();
  await sleep(seconds * 1000);
  const after = sampleTree(rootPid);
  const elapsedMinutes = Number(process.hrtime.bigint() - startedAt) / 1e9 / 60;

  const processes: ProcessCost[] = [...after.entries()].map(([pid, end]) => {
    // A process born during the window costs everything it did.
    const start = before.get(pid) ?? { name: end.name, cpuTicks: 0, contextSwitches: 0 };
    return {
      pid,
      name: end.name,
      wakeupsPerMinute: (end.contextSwitches - start.contextSwitches) / elapsedMinutes,
      cpuSecondsPerMinute: (end.cpuTicks - start.cpuTicks) / CLOCK_TICKS_PER_SECOND / elapsedMinutes,
      pssMegabytes: pssKilobytes(pid) / 1024,
    };
  });
  const sum = (field: keyof Omit<ProcessCost, 'pid' | 'name'>) => processes.reduce((total, p) => total + p[field], 0);
  return {
    wakeupsPerMinute: sum('wakeupsPerMinute'),
    cpuSecondsPerMinute: sum('cpuSecondsPerMinute'),
    pssMegabytes: sum('pssMegabytes'),
    processes,
  };
}

function sampleTree(rootPid: number): Map<number, ProcessSample> {
  const samples = new Map<number, ProcessSample>();
  for (const pid of [rootPid, ...descendantsOf(rootPid)]) {
    const sample = sampleProcess(pid);
    if (sample) samples.set(pid, sample);
  }
  return samples;
}

function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the command name start at field 3 (state); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
    let contextSwitches = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      contextSwitches += statusField(status, 'voluntary_ctxt_switches') + statusField(status, 'nonvoluntary_ctxt_switches');
    }
    return { name, cpuTicks, contextSwitches };
  } catch {
    return undefined; // the process (or a thread) ended while we read it
  }
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function pssKilobytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
