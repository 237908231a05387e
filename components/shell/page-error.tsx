"use client";
// The error boundary's content. Production hides server error messages, so it asks the
// health check whether the database is the reason and says so plainly.
import { useEffect, useState } from "react";
import { DatabaseUnavailable } from "@/components/shell/database-unavailable";
import { buttonStyles } from "@/components/ui/styles";

type Cause = "checking" | "database" | "other";

export function PageError({ reset }: { reset: () => void }) {
  const [cause, setCause] = useState<Cause>("checking");

  useEffect(() => {
    let cancelled = false;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => !cancelled && setCause(response.status === 503 ? "database" : "other"))
      .catch(() => !cancelled && setCause("other"));
    return () => {
      cancelled = true;
    };
  }, []);

  const retry = (
    <button type="button" onClick={() => reset()} className={buttonStyles.primary}>
      Try again
    </button>
  );
  if (cause === "database") return <DatabaseUnavailable action={retry} />;
  return (
    <div
      role="alert"
      className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-300 bg-white p-8 dark:border-slate-700 dark:bg-slate-900"
    >
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        {cause === "checking"
          ? "Checking what went wrong…"
          : "Something went wrong on our side; nothing was saved. Try again, and tell your administrator if it keeps happening."}
      </p>
      <div className="mt-4">{retry}</div>
    </div>
  );
}
