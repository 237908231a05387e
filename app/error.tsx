"use client";
import { PageError } from "@/components/shell/page-error";

export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="px-4">
      <PageError reset={reset} />
    </main>
  );
}
