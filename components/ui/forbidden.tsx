/** What a page a role may not open shows (app/(app)/forbidden.tsx, with status 403). */
export function Forbidden() {
  return (
    <div
      role="alert"
      className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h1 className="text-lg font-semibold">Not allowed</h1>
      <p className="mt-1 text-sm">Your role does not give access to this page. Ask an administrator if you need it.</p>
    </div>
  );
}
