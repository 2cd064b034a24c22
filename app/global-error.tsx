"use client";
import "./globals.css";

// The last resort when the root layout itself fails (app/(app)/error.tsx catches the pages' own
// errors). Next's built-in page draws itself with style attributes, which the CSP refuses
// (proxy.ts: no 'unsafe-inline' for styles): this one uses the app's stylesheet.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 p-6 text-slate-900 antialiased">
        <div role="alert" className="mx-auto max-w-xl rounded border border-red-300 bg-red-50 p-6">
          <h1 className="text-xl font-semibold text-red-900">Something went wrong</h1>
          <p className="mt-2 text-red-900">CreditTrack could not show this page. Nothing you saved was lost.</p>
          <button type="button" onClick={reset} className="mt-4 rounded bg-red-800 px-4 py-2 text-white">
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
