import type { DemoCredential } from "@/lib/seed/seed";

/** The one time demo passwords are shown: they are stored only as hashes. */
export function printDemoCredentials(users: DemoCredential[]) {
  if (users.length === 0) return;
  const width = Math.max(...users.map((u) => u.email.length));
  const lines = users.map((u) => `  ${u.role.padEnd(9)} ${u.email.padEnd(width)}  ${u.password}`);
  console.log(["", "Demo users (local mode). Passwords are shown only this once; keep them:", ...lines, ""].join("\n"));
}
