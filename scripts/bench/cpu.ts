// CPU use during a phase (Linux /proc): how busy the whole machine was, and how many CPU
// seconds the Preflight server (its process group: start script + `next start`) spent.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

function groupTicks(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name: state ppid pgrp … utime(14) stime(15), counted from the pid.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(rest[2]) === pgid) ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

export type CpuUse = { machineBusyPercent: number; serverCpuSeconds: number };

/** Starts measuring; the returned function ends it. Without /proc it reports NaN. */
export function measureCpu(serverPgid: number | undefined): () => CpuUse {
  try {
    const machineStart = machineTicks();
    const serverStart = serverPgid ? groupTicks(serverPgid) : 0;
    return () => {
      const machine = machineTicks();
      const busy = (machine.busy - machineStart.busy) / Math.max(1, machine.total - machineStart.total);
      const server = serverPgid ? (groupTicks(serverPgid) - serverStart) / TICKS_PER_SECOND : NaN;
      return { machineBusyPercent: Math.round(busy * 1000) / 10, serverCpuSeconds: Math.round(server * 100) / 100 };
    };
  } catch {
    return () => ({ machineBusyPercent: NaN, serverCpuSeconds: NaN });
  }
}
