"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { updateItemStateAction } from "@/app/(app)/deployments/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { findItem, findItemState, withItemState } from "@/lib/checklists/patch";
import type { Checklist } from "@/lib/checklists/types";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import type { UpdateItemStateInput } from "@/lib/deployments/schemas";
import { canTransition, nextStatus } from "@/lib/deployments/lifecycle";

export type ItemChange = Omit<UpdateItemStateInput, "deploymentId" | "itemId" | "version">;

type ItemUpdate = { itemId: string; change: ItemChange; version: number };

export const checklistKey = (id: string) => ["checklist", id] as const;

/** The checklist, kept fresh: refetched on focus and every 15 s, so others' ticks appear. */
export function useChecklist(initial: Checklist) {
  return useQuery({
    queryKey: checklistKey(initial.deployment.id),
    queryFn: async (): Promise<Checklist> => {
      const response = await fetch(`/api/v1/deployments/${initial.deployment.id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Could not refresh the checklist (${response.status}).`);
      return (await response.json()) as Checklist;
    },
    initialData: initial,
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
}

/** For actions whose answer changes the checklist (sign-off, waivers): refetch the query
 * that holds the page's data after any answer, and show a refusal as a toast. */
export function useChecklistRefetch(deploymentId: string) {
  const queryClient = useQueryClient();
  return {
    refresh: false,
    toastFailure: true,
    onSettled: () => queryClient.invalidateQueries({ queryKey: checklistKey(deploymentId) }),
  };
}

/** Optimistic item updates: shown at once, rolled back with the reason when refused. */
export function useItemUpdate(deploymentId: string) {
  const queryClient = useQueryClient();
  const key = checklistKey(deploymentId);
  return useServerAction({
    action: ({ itemId, change, version }: ItemUpdate) =>
      updateItemStateAction({ deploymentId, itemId, version, ...change }),
    // The page's data is this query, refetched below; the server-rendered frame stays.
    refresh: false,
    toastFailure: true,
    optimistic: ({ itemId, change }) => {
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
      // A 409 carries the item's current state: show that rather than what was there before.
      return (failure) => {
        const current = failure.details?.current as ItemStateView | undefined;
        const base = previous ?? queryClient.getQueryData<Checklist>(key);
        if (base) queryClient.setQueryData(key, current ? withItemState(base, current) : base);
      };
    },
    onSuccess: (state, { change }) => {
      const latest = queryClient.getQueryData<Checklist>(key);
      if (!latest) return;
      const next = withItemState(latest, state);
      // The server moved the deployment on as the state machine says; show the same at once
      // (the refetch below confirms it). Verification after the go-live moves nothing but a
      // draft, and an assignment alone moves only a draft.
      const from = next.deployment.status;
      const verification = next.sections.some(
        (s) => s.kind === "POST_DEPLOYMENT" && findItem({ ...next, sections: [s] }, state.itemId),
      );
      const content = Object.keys(change).some((field) => field !== "assigneeId");
      const moves = from === "DRAFT" || (!verification && content && canTransition("change", from));
      const status = moves ? nextStatus("change", from, next.readiness.ready)! : from;
      queryClient.setQueryData(key, { ...next, deployment: { ...next.deployment, status } });
    },
    // The server also recomputed the digest and any sign-off the change invalidated.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
