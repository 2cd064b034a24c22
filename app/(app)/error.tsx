"use client";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-6">
      <h1 className="text-xl font-semibold text-red-900">Something went wrong</h1>
      <p className="mt-2 text-red-900">The page could not be shown. Nothing you saved was lost.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-red-800 px-4 py-2 text-white">
        Try again
      </button>
    </div>
  );
}
