// Stopping the start script leaves no web server behind, even one that cannot answer SIGTERM:
// real processes, the supervision scripts/start.ts uses (scripts/lib/fixtures/).
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const fixture = path.join(import.meta.dirname, "fixtures", "supervise-blocked-server.ts");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the start script's supervision", () => {
  it("I6: SIGTERM to the supervisor ends a blocked server with SIGKILL after the grace period, then exits", async () => {
    const supervisor = spawn(process.execPath, ["--import", "tsx", fixture, "1000"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const serverPid = await new Promise<number>((resolve, reject) => {
      let output = "";
      supervisor.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /server pid (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      supervisor.once("exit", (code) => reject(new Error(`the supervisor exited early (${code}): ${output}`)));
    });
    try {
      expect(alive(serverPid)).toBe(true);
      const exited = new Promise<void>((resolve) => supervisor.once("exit", () => resolve()));
      const sentAt = Date.now();
      supervisor.kill("SIGTERM");
      await exited;
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(900);
      expect(alive(serverPid)).toBe(false);
    } finally {
      if (alive(serverPid)) process.kill(serverPid, "SIGKILL");
    }
  }, 20_000);
});
