import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata: Metadata = { title: "Not allowed" };

/** A page called forbidden() (the role may not open it): answered 403, inside the app shell. */
export default function AppForbidden() {
  return <Forbidden />;
}
