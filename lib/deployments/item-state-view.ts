// How an item state leaves the server: the same shape for pages, actions and conflicts.
import type { ItemStatus } from "@/lib/generated/prisma/enums";

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
};

export const itemStateViewSelect = {
  itemId: true,
  status: true,
  naReason: true,
  note: true,
  evidenceLinks: true,
  updatedAt: true,
  version: true,
  assignee: { select: { id: true, name: true } },
  updatedBy: { select: { id: true, name: true } },
} as const;

type Row = Omit<ItemStateView, "updatedAt"> & { updatedAt: Date };

export function toItemStateView(row: Row): ItemStateView {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}
