// Parses an uploaded checklist off the main thread, with a time limit and a memory cap.
//
// Why: Markdown parsing is worse than linear for some shapes (nested quotes, long list runs,
// emphasis runs). On the main thread one crafted 64 KB file kept the whole server busy for
// 19 s. In a worker the server keeps answering, and a parse past the limit is stopped by
// terminating its worker (a synchronous parse cannot be interrupted any other way).
import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ParseResult } from "@/lib/templates/markdown/types";

/** Heap a single parse may use; a 1 MB file of ordinary Markdown needs well under this. */
export const PARSE_MEMORY_MB = 512;
/** Parses running at once; more wait their turn (their time limit starts when they run). */
const MAX_WORKERS = 4;
/** Loading the parser in a fresh worker (tsx compiling it) is not the file's fault. */
const STARTUP_LIMIT_MS = 60_000;

type Reply = { id: number; result: ParseResult | { crashed: true; message: string } };

// Resolved at run time from the project folder: see worker.mjs on why it is not bundled.
// The ignore comments keep Turbopack from following the path and bundling the worker anyway.
const workerFile = () =>
  path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "templates", "parse-worker", "worker.mjs");

const idle: Worker[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function spawn(memoryMb: number): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(/* turbopackIgnore: true */ workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: false,
      stderr: false,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AppError("UNAVAILABLE", "The Markdown reader did not start; try again in a moment."));
    }, STARTUP_LIMIT_MS);
    worker.once("message", () => {
      clearTimeout(timer);
      resolve(worker);
    });
    worker.once("error", (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new AppError("UNPROCESSABLE", memoryLimitMessage(memoryMb)) : error,
      );
    });
  });
}

async function acquire(memoryMb: number): Promise<Worker> {
  while (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  // Idle workers carry the default cap; another cap (tests) gets a worker of its own.
  const reused = memoryMb === PARSE_MEMORY_MB ? idle.pop() : undefined;
  if (reused) {
    reused.ref();
    return reused;
  }
  try {
    return await spawn(memoryMb);
  } catch (error) {
    release(null);
    throw error;
  }
}

/** Hands a healthy worker back for the next parse; an idle one never keeps the process alive. */
function release(worker: Worker | null, pooled = true) {
  running--;
  if (worker && !pooled) void worker.terminate();
  else if (worker) {
    worker.unref();
    idle.push(worker);
  }
  waiting.shift()?.();
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function timeLimitMessage(ms: number): string {
  return (
    `Reading the file took longer than the import's limit of ${seconds(ms)} (IMPORT_PARSE_TIMEOUT_MS), so it was stopped. ` +
    "Deep nesting (quotes or lists inside each other hundreds of times), long runs of * or ~ marks, or tens of " +
    "thousands of headings, list items or link definitions make a file this slow: split it into smaller files or remove them."
  );
}

export function memoryLimitMessage(mb: number = PARSE_MEMORY_MB): string {
  return (
    `Reading the file needed more than the import's memory limit of ${mb} MB, so it was stopped. ` +
    "Split it into smaller files, or remove deep nesting and long runs of repeated marks."
  );
}

export type ParseLimits = { timeoutMs?: number; memoryMb?: number };

/** parseTemplateMarkdown in a worker; past the time or memory limit, a 422 naming the limit. */
export async function parseInWorker(source: string | Uint8Array, limits: ParseLimits = {}): Promise<ParseResult> {
  const timeoutMs = limits.timeoutMs ?? env().IMPORT_PARSE_TIMEOUT_MS;
  const memoryMb = limits.memoryMb ?? PARSE_MEMORY_MB;
  const worker = await acquire(memoryMb);
  const id = nextId++;
  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (keep) release(worker, memoryMb === PARSE_MEMORY_MB);
      else {
        void worker.terminate();
        release(null);
      }
      outcome();
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== id) return;
      const { result } = reply;
      if ("crashed" in result) {
        finish(() => reject(new Error(`The Markdown parser failed: ${result.message}`)), false);
      } else {
        finish(() => resolve(result), true);
      }
    };
    const onError = (error: Error & { code?: string }) => {
      finish(
        () =>
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? reject(new AppError("UNPROCESSABLE", memoryLimitMessage(memoryMb)))
            : reject(error),
        false,
      );
    };
    const onExit = () => finish(() => reject(new Error("The Markdown parser's worker stopped unexpectedly.")), false);
    const timer = setTimeout(
      () => finish(() => reject(new AppError("UNPROCESSABLE", timeLimitMessage(timeoutMs))), false),
      timeoutMs,
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ id, source });
  });
}
