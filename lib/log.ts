// JSON logs (pino). One logger for the app and scripts; LOG_LEVEL sets the level.
import pino from "pino";
import { env } from "@/lib/env";

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
  instance ??= pino({ level: safeLevel(), base: { app: "preflight" } });
  return instance;
}

function safeLevel() {
  try {
    return env().LOG_LEVEL;
  } catch {
    // A bad environment is reported by whoever validates it; logging must still work.
    return "info";
  }
}
