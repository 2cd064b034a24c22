import Link from "next/link";
import { headers } from "next/headers";
import { getViewer } from "@/lib/auth";
import { navFor, ROLE_LABEL } from "@/components/shell/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { StudentSearch } from "@/components/shell/student-search";
import { StaleFeedsBanner } from "@/components/imports/stale-feeds";
import { staleFeeds } from "@/lib/imports/staleness";
import { can } from "@/lib/access";
import { wideScreenLikely } from "@/lib/http/screen-width";
import { WidthGuess } from "@/components/ui/by-width";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  // Overdue imports (issue #15), for district administrators on every page. Two small reads; a
  // failure to read them must not take the page down with it.
  const feeds = can(viewer, "imports.manage") ? await staleFeeds().catch((e: unknown) => (console.error("Could not read import staleness:", e), null)) : null;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="no-print bg-blue-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold">
            CreditTrack
          </Link>
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-4">
              {navFor(viewer.role).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-blue-50 underline-offset-4 hover:underline">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <StudentSearch />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              {viewer.name} <span className="text-blue-200">· {ROLE_LABEL[viewer.role]}</span>
            </span>
            <Link href="/account/password" className="text-blue-50 underline-offset-4 hover:underline">
              Account
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {feeds && <StaleFeedsBanner stale={feeds.stale} />}
        {/* Pages with a table on wide screens and cards on phones render the one the request's
            browser most likely shows (components/ui/by-width.tsx). */}
        <WidthGuess wide={wideScreenLikely(await headers())}>{children}</WidthGuess>
      </main>
    </div>
  );
}
