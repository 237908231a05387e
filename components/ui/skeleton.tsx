// Placeholders while a page streams in: grey blocks in the page's own layout, announced
// once as "Loading…" to screen readers (the blocks themselves are hidden from them).
import type { ReactNode } from "react";

export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div aria-busy="true" data-testid="page-loading">
      <p role="status" className="sr-only">
        Loading {label}…
      </p>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

export function Skeleton({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-xl bg-slate-200/60 dark:bg-slate-800/60 ${className}`} />;
}
