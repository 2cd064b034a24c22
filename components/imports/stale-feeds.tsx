import Link from "next/link";
import { staleText, type StaleFeed } from "@/lib/imports/staleness";
import { formatMoment } from "@/lib/calendar";

/** The overdue feeds (lib/imports/staleness.ts), for district administrators: on every page, Imports included. */
export function StaleFeedsBanner({ stale, withLink = true }: { stale: StaleFeed[]; withLink?: boolean }) {
  if (stale.length === 0) return null;
  return (
    <div role="status" aria-label="Overdue imports" className="no-print mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <ul>
        {stale.map((f) => (
          <li key={`${f.feed}:${f.name}`} data-testid="stale-feed">
            <strong>{staleText(f)}.</strong>{" "}
            <span className="text-slate-700">
              Last: <time dateTime={f.lastAt.toISOString()}>{formatMoment(f.lastAt)}</time>.
            </span>
          </li>
        ))}
      </ul>
      {withLink && (
        <p className="mt-1">
          <Link href="/imports" className="font-semibold underline">
            Imports
          </Link>{" "}
          shows the history and the landing folder&apos;s last failures;{" "}
          <Link href="/settings#overdue-heading" className="font-semibold underline">
            Settings
          </Link>{" "}
          sets how many days each feed may wait.
        </p>
      )}
    </div>
  );
}
