import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/shell/not-found-message";

export const metadata: Metadata = { title: "Page not found" };

/** An id that names nothing (a page called notFound()), shown inside the app shell with its navigation. */
export default function AppNotFound() {
  return <NotFoundMessage />;
}
