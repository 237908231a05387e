"use client";

// Keeps keyboard focus where the person is working while the tree changes under it:
// a control asks for focus by (key, target), and the element registered for that pair
// focuses itself once it is (re)mounted. Moving or indenting an item re-creates its DOM
// nodes, which would otherwise drop focus to <body>.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from "react";
import type { FocusRequest, FocusTarget } from "./focus-keys";

export { TEMPLATE_FOCUS_KEY, type FocusRequest, type FocusTarget } from "./focus-keys";

type FocusContextValue = {
  request: FocusRequest | null;
  requestFocus: (request: FocusRequest) => void;
  done: () => void;
};

const FocusContext = createContext<FocusContextValue>({ request: null, requestFocus: () => {}, done: () => {} });

export function FocusProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<FocusRequest | null>(null);
  const done = useCallback(() => setRequest(null), []);
  const value = useMemo(() => ({ request, requestFocus: setRequest, done }), [request, done]);
  return <FocusContext.Provider value={value}>{children}</FocusContext.Provider>;
}

export function useRequestFocus(): (request: FocusRequest) => void {
  return useContext(FocusContext).requestFocus;
}

/** A ref for the element that should take focus when (key, target) is requested. */
export function useFocusTarget<T extends HTMLElement>(key: string, target: FocusTarget): RefObject<T | null> {
  const { request, done } = useContext(FocusContext);
  const ref = useRef<T>(null);
  const wanted = request !== null && request.key === key && request.target === target;
  useEffect(() => {
    if (!wanted || !ref.current) return;
    ref.current.focus();
    done();
  }, [wanted, done]);
  return ref;
}
