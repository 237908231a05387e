// Liveness plus database reachability, for load balancers and the status check.
import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unreachable"; checkedAt: string };

export async function checkHealth(): Promise<Health> {
  const checkedAt = new Date().toISOString();
  try {
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok", checkedAt };
  } catch (error) {
    logger().warn({ err: error }, "health check: database unreachable");
    return { status: "unavailable", database: "unreachable", checkedAt };
  }
}
