// The migration step sets the job queue up completely, so a runner never creates a table.
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { CRON_QUEUE, queueSpecs } from "@/lib/jobs/queues";
import { createScratchDatabase, runSql } from "@/test/db";

const tables = (url: string) =>
  runSql<{ table_name: string }>(
    url,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'pgboss' ORDER BY 1`,
  );

describe("npm run db:migrate and the job queue", () => {
  it("creates pg-boss's schema, every queue with its options and the schedules; a second run changes nothing", async () => {
    const url = await createScratchDatabase();
    expect((await migrate(url)).jobQueue).toEqual({ schema: "created", version: expect.any(Number) });

    const queues = await runSql<{ name: string; retry_limit: number; expire_seconds: number }>(
      url,
      `SELECT name, retry_limit, expire_seconds FROM pgboss.queue ORDER BY name`,
    );
    expect(queues.map((queue) => queue.name).sort()).toEqual([CRON_QUEUE, ...queueSpecs.map((s) => s.name)].sort());
    for (const spec of queueSpecs)
      expect(queues.find((queue) => queue.name === spec.name)).toMatchObject({
        retry_limit: spec.retryLimit,
        expire_seconds: spec.expireInSeconds,
      });
    const schedules = await runSql<{ name: string; cron: string; timezone: string }>(
      url,
      `SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`,
    );
    expect(schedules).toEqual(
      queueSpecs
        .filter((spec) => spec.schedule)
        .map((spec) => ({ name: spec.name, cron: spec.schedule!.cron, timezone: "UTC" }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );

    const before = await tables(url);
    await runSql(url, `UPDATE pgboss.queue SET retry_limit = 9 WHERE name = $1`, [queueSpecs[0]!.name]);
    await runSql(url, `INSERT INTO pgboss.schedule (name, cron, timezone) VALUES ($1, '* * * * *', 'UTC')`, [
      CRON_QUEUE,
    ]);
    expect((await migrate(url)).jobQueue.schema).toBe("current");
    expect(await tables(url)).toEqual(before);
    // Options come back to the table's, and a schedule the table does not name is removed.
    expect(
      (await runSql(url, `SELECT retry_limit FROM pgboss.queue WHERE name = $1`, [queueSpecs[0]!.name]))[0],
    ).toEqual({ retry_limit: queueSpecs[0]!.retryLimit });
    expect(await runSql(url, `SELECT name FROM pgboss.schedule WHERE name = $1`, [CRON_QUEUE])).toEqual([]);
  });
});
