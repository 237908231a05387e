"use client";
// False in the server's HTML and during hydration, true once React handles events. A form
// submitted before that would be sent by the browser itself (a GET with every field in the
// URL), so forms that carry a password keep their button disabled until then.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
