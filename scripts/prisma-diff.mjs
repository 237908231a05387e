// Migration SQL from Prisma's own schema engine, offline: the WASM build that ships in
// the `prisma` package, with a stand-in driver adapter that answers only the engine's
// version probe. It diffs schema → schema (or nothing → schema) and never reads a live
// database. Why: docs/decisions/0002-offline-migrations.md.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

let enginePromise;

function offlineAdapter() {
  const refuse = (what) => async () => {
    throw new Error(`prisma-diff is offline: unexpected ${what}`);
  };
  const connection = {
    provider: "postgres",
    adapterName: "preflight-offline",
    async queryRaw(query) {
      if (query.sql.includes("server_version_num")) {
        // Column types: Boolean = 5, Text = 7, Int32 = 0 (driver-adapter-utils ColumnType).
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5, 7, 0],
          rows: [[true, "PostgreSQL 15.0", 150000]],
        };
      }
      throw new Error(`prisma-diff is offline: unexpected query ${query.sql}`);
    },
    executeRaw: refuse("execute"),
    executeScript: refuse("script"),
    startTransaction: refuse("transaction"),
    async dispose() {},
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "preflight-offline",
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  });
}

async function loadEngine() {
  const wasmPath = join(dirname(require.resolve("prisma/package.json")), "build/schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine.new({ datamodels: undefined }, () => {}, offlineAdapter());
}

/** A side of a diff: `null` for an empty database, otherwise Prisma schema text. */
function target(schema) {
  return schema === null
    ? { tag: "empty" }
    : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] };
}

/**
 * SQL that takes a database from schema `from` to schema `to` (`null` = empty).
 * Returns "" when there is nothing to change.
 * @param {string | null} from
 * @param {string} to
 * @returns {Promise<string>}
 */
export async function diffSchemas(from, to) {
  enginePromise ??= loadEngine();
  const engine = await enginePromise;
  const { stdout } = await engine.diff({
    from: target(from),
    to: target(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = stdout ?? "";
  return sql.includes("This is an empty migration.") ? "" : sql;
}
