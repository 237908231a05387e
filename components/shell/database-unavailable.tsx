// Shown instead of a page while PostgreSQL cannot be reached. Nothing is lost: writes are
// transactional, so a request that failed changed nothing; the app reconnects by itself.
export function DatabaseUnavailable({ action }: { action?: React.ReactNode }) {
  return (
    <div
      role="alert"
      className="mx-auto mt-16 max-w-lg rounded-xl border border-amber-300 bg-amber-50 p-8 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h1 className="text-lg font-semibold">Database unavailable</h1>
      <p className="mt-2 text-sm">
        Preflight cannot reach its database right now. Nothing you saved earlier is lost, and nothing half-finished was
        written. The page will work again as soon as the database is back — try again in a few seconds.
      </p>
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
