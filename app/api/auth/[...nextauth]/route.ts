import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { credentialsCallback } from "@/lib/auth/credentials-sign-in";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request (lazily, once) so the build never needs the secret.
// next-auth types its route handler as `any`; it answers with a Response.
function handler(request: NextRequest, context: Context): Promise<Response> {
  const nextAuth = () => NextAuth(request, context, authOptions()) as Promise<Response>;
  // The password sign-in: its limits answer 429 before next-auth runs, and success sets the device cookie.
  if (request.method === "POST" && request.nextUrl.pathname.endsWith("/api/auth/callback/credentials"))
    return credentialsCallback(request, nextAuth);
  return nextAuth();
}

export { handler as GET, handler as POST };
