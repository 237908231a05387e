// The import's Markdown parser, in a worker thread (see ./parse-in-worker.ts for why).
//
// Plain JavaScript, found at run time rather than bundled: Next 16's bundler rewrites
// `new Worker(new URL(...))` into chunks that have broken between releases, and this file
// must run the same under `next start`, the CLI and the tests. It loads the TypeScript
// parser through tsx (a runtime dependency), so there is no second build step.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { parseTemplateMarkdown } = await tsImport("../markdown/parse.ts", import.meta.url);

parentPort.on("message", ({ id, source }) => {
  let result;
  try {
    result = parseTemplateMarkdown(source);
  } catch (error) {
    result = { crashed: true, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage({ id, result });
});
parentPort.postMessage({ ready: true });
