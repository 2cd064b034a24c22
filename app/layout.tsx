import type { Metadata } from "next";
import "./globals.css";

// Every page depends on who is signed in: never prerender at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "CreditTrack", template: "%s · CreditTrack" },
  description: "Credit recovery and graduation tracking for high-school counselors",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
