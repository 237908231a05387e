// `prisma generate` without the native schema engine. The CLI insists on locating that
// engine before it starts even though generate never runs it, and it cannot be downloaded
// here, so point it at an executable that exists (node itself). See
// docs/decisions/0002-offline-migrations.md.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...process.env,
  },
});
process.exit(result.status ?? 1);
