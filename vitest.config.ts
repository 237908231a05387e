import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@": root,
  // `server-only` throws outside React Server Components; tests run server code directly.
  "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          setupFiles: ["test/fail-on-console-error.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          // API rate limits off: handlers are called directly, with no client address, so every
          // file's requests would share one address's count. lib/api/rate-limit.int.test.ts sets its own.
          // Private outbound allowed: webhook tests deliver to a receiver on 127.0.0.1
          // (lib/security/outbound.int.test.ts turns it off per call).
          env: { LOG_LEVEL: "silent", API_RATE_LIMIT: "0", GATE_RATE_LIMIT: "0", ALLOW_PRIVATE_OUTBOUND: "true" },
          include: ["{lib,app,scripts,test}/**/*.int.test.ts"],
          setupFiles: ["test/fail-on-console-error.ts", "test/use-test-database.ts"],
          globalSetup: ["test/integration-database.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // npm run test:reliability: load, outage and race tests against the running app
        // (production build); one file at a time so their measurements do not overlap.
        resolve: { alias },
        test: {
          name: "reliability",
          env: { LOG_LEVEL: "silent" },
          include: ["test/reliability/**/*.rel.test.ts"],
          setupFiles: ["test/fail-on-console-error.ts", "test/use-test-database.ts"],
          globalSetup: ["test/integration-database.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
