"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { updateItemStateAction } from "@/app/(app)/deployments/actions";
import { findItemState, withItemState } from "@/lib/checklists/patch";
import type { Checklist } from "@/lib/checklists/types";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import type { UpdateItemStateInput } from "@/lib/deployments/schemas";

export type ItemChange = Omit<UpdateItemStateInput, "deploymentId" | "itemId" | "version">;

const checklistKey = (id: string) => ["checklist", id] as const;

/** The checklist, kept fresh: refetched on focus and every 15 s, so others' ticks appear. */
export function useChecklist(initial: Checklist) {
  return useQuery({
    queryKey: checklistKey(initial.deployment.id),
    queryFn: async (): Promise<Checklist> => {
      const response = await fetch(`/api/v1/deployments/${initial.deployment.id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Could not refresh the checklist (${response.status}).`);
      return response.json();
    },
    initialData: initial,
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
}

class ItemUpdateError extends Error {
  constructor(
    message: string,
    readonly current?: ItemStateView,
  ) {
    super(message);
  }
}

/** Optimistic item updates: shown at once, rolled back with the reason when refused. */
export function useItemUpdate(deploymentId: string) {
  const queryClient = useQueryClient();
  const key = checklistKey(deploymentId);
  return useMutation({
    mutationFn: async ({ itemId, change, version }: { itemId: string; change: ItemChange; version: number }) => {
      const result = await updateItemStateAction({ deploymentId, itemId, version, ...change });
      if (!result.ok) throw new ItemUpdateError(result.error, result.details?.current as ItemStateView | undefined);
      return result.data;
    },
    onMutate: ({ itemId, change }) => {
      // Not awaited: the optimistic state must show in the same frame as the click.
      void queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Checklist>(key);
      const state = previous && findItemState(previous, itemId);
      if (previous && state) {
        const optimistic: ItemStateView = {
          ...state,
          ...(change.status
            ? { status: change.status, naReason: change.status === "NOT_APPLICABLE" ? (change.naReason ?? null) : null }
            : {}),
          ...(change.note !== undefined ? { note: change.note } : {}),
          ...(change.evidenceLinks ? { evidenceLinks: change.evidenceLinks } : {}),
        };
        queryClient.setQueryData(key, withItemState(previous, optimistic));
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      const current = error instanceof ItemUpdateError ? error.current : undefined;
      const base = context?.previous ?? queryClient.getQueryData<Checklist>(key);
      if (base) queryClient.setQueryData(key, current ? withItemState(base, current) : base);
      toast.error(error.message);
    },
    onSuccess: (state) => {
      const latest = queryClient.getQueryData<Checklist>(key);
      if (!latest) return;
      const next = withItemState(latest, state);
      // The first change starts the work: the server moved a draft to in progress too.
      const status = next.deployment.status === "DRAFT" ? "IN_PROGRESS" : next.deployment.status;
      queryClient.setQueryData(key, { ...next, deployment: { ...next.deployment, status } });
    },
    // The server also recomputed the digest and any sign-off the change invalidated.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
