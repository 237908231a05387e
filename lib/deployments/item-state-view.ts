// How an item state leaves the server: the same shape for pages, actions and conflicts.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ItemStatus } from "@/lib/generated/prisma/enums";

/** What a reworded or moved item held before a move to a newer template version reset it:
 * shown read-only beside the item ("From version 2: Done — …"), never part of the digest. */
export type PreviousItemState = {
  templateVersion: number;
  text: string;
  status: ItemStatus;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
};

export type ItemStateView = {
  itemId: string;
  status: ItemStatus;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
  assignee: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
  version: number;
  previousState: PreviousItemState | null;
};

export const itemStateViewSelect = {
  itemId: true,
  status: true,
  naReason: true,
  note: true,
  evidenceLinks: true,
  updatedAt: true,
  version: true,
  previousState: true,
  assignee: { select: { id: true, name: true } },
  updatedBy: { select: { id: true, name: true } },
} as const;

const previousStateSchema: z.ZodType<PreviousItemState> = z.object({
  templateVersion: z.number().int(),
  text: z.string(),
  status: z.enum(ItemStatus),
  naReason: z.string().nullable(),
  note: z.string().nullable(),
  evidenceLinks: z.array(z.string()),
});

type Row = Omit<ItemStateView, "updatedAt" | "previousState"> & { updatedAt: Date; previousState: Prisma.JsonValue };

export function toItemStateView(row: Row): ItemStateView {
  // Written only by the version move; anything else in the column is shown as no history.
  const previous = previousStateSchema.safeParse(row.previousState);
  return { ...row, updatedAt: row.updatedAt.toISOString(), previousState: previous.success ? previous.data : null };
}
