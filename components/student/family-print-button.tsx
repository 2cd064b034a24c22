"use client";

/** The family letter's print button (the plan's says "Print this plan"). */
export function PrintLetterButton() {
  return (
    <button type="button" onClick={() => window.print()} className="no-print rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900">
      Print this letter
    </button>
  );
}
