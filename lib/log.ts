// Logs (pino). One logger for the app and scripts; LOG_LEVEL sets the level. JSON lines, except
// in local mode on a terminal, where a person reads them: there pino-pretty formats them as a
// stream in this thread (a transport's worker thread would be one more thing Next's server
// bundle must resolve, and lines still in its queue are lost when a script exits at once).
import pino from "pino";
import pretty, { prettyFactory, type PrettyOptions } from "pino-pretty";
import { env } from "@/lib/env";

let instance: pino.Logger | undefined;

const prettyOptions: PrettyOptions = { ignore: "pid,hostname,app", translateTime: "SYS:HH:MM:ss.l" };

export function logger(): pino.Logger {
  instance ??= createLogger();
  return instance;
}

/** Readable lines rather than JSON: local mode, and this process writes to a terminal. */
export function readableLogs(): boolean {
  return settings().appEnv === "local" && process.stdout.isTTY === true;
}

/**
 * For a process that relays a child's output (npm start relays `next start`): formats the
 * child's JSON log lines as this process's own logger would, and passes other lines through.
 */
export function relayedLogLine(): (line: string) => string {
  if (!readableLogs()) return (line) => `${line}\n`;
  const format = prettyFactory(prettyOptions);
  return (line) => format(line);
}

function createLogger(): pino.Logger {
  const options = { level: settings().level, base: { app: "preflight" } };
  if (!readableLogs()) return pino(options);
  // Synchronous, so a line logged just before process.exit() is on the screen.
  return pino(options, pretty({ ...prettyOptions, sync: true }));
}

function settings() {
  try {
    const { APP_ENV, LOG_LEVEL } = env();
    return { appEnv: APP_ENV, level: LOG_LEVEL };
  } catch {
    // A bad environment is reported by whoever validates it; logging must still work, and
    // in the format that is safe in production.
    return { appEnv: "production", level: "info" };
  }
}
