// What the token admin shows and returns: never the hash.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export const apiTokenRowSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, role: true, active: true } },
  createdBy: { select: { id: true, name: true, email: true, active: true } },
} as const satisfies Prisma.ApiTokenSelect;

export type ApiTokenRow = Prisma.ApiTokenGetPayload<{ select: typeof apiTokenRowSelect }>;
