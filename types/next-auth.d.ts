import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    tokenVersion: number;
  }
  interface Session {
    tokenVersion?: number;
    user: { id?: string; role?: Role; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    tokenVersion?: number;
  }
}
