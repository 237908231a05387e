// The organisation's time zone decides where a day, week, month, quarter or year begins.
// It lives in the shared Setting table so every app instance and the tick agree on it.
import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const ORG_TIME_ZONE_KEY = "org.timeZone";
export const DEFAULT_TIME_ZONE = "UTC";

/** True for names Intl knows (IANA zones such as "Europe/Berlin", and "UTC"). */
export function isValidTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type SettingReader = Pick<PrismaClient | Prisma.TransactionClient, "setting">;

/** The configured zone; a missing or unusable value falls back to UTC rather than failing the board. */
export async function readOrgTimeZone(client: SettingReader): Promise<string> {
  const setting = await client.setting.findUnique({ where: { key: ORG_TIME_ZONE_KEY }, select: { value: true } });
  const value = setting?.value;
  return typeof value === "string" && isValidTimeZone(value) ? value : DEFAULT_TIME_ZONE;
}
