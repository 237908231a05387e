import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundMessage } from "@/components/shell/not-found-message";

export const metadata: Metadata = { title: "Page not found" };

/** An address no route serves; outside the app shell, which needs a signed-in user. */
export default async function NotFound() {
  // Rendered per request, not prerendered: the page's scripts need this request's CSP nonce.
  await connection();
  return (
    <main id="main" className="px-4">
      <NotFoundMessage />
    </main>
  );
}
