"use client";

import { signOut } from "next-auth/react";
import { toast } from "sonner";
import { UNREACHABLE } from "@/components/ui/server-action";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/sign-in" }).catch(() => toast.error(UNREACHABLE.error))}
      className="rounded-md px-3 py-2 text-sm whitespace-nowrap text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
