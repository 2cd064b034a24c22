"use client";

export default function StudentError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert">
      <h1 className="text-2xl font-bold">The student record could not be loaded</h1>
      <p className="mt-2">Nothing was changed. Try again, or tell your administrator if it keeps happening.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-blue-800 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
