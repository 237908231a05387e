import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Preflight", template: "%s · Preflight" },
  description: "Deployment readiness: checklists, sign-off and maintenance in one place.",
  // public/manifest.webmanifest; its icons are the metadata files app/icon.svg and app/favicon.ico.
  manifest: "/manifest.webmanifest",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
