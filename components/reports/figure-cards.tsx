import Link from "next/link";
import { FIGURES, FIGURE_KEYS, type Figure, type FigureKey } from "@/lib/reports/figures";
import { notFinalText } from "@/lib/reports/periods";
import { fmtCount, fmtRate, query } from "./format";

const HIDDEN = "Hidden to protect students’ privacy";

type Props = {
  figures: Record<FigureKey, Figure>;
  periods: Record<FigureKey, string>;
  drill: Record<FigureKey, Record<string, string | number | undefined>>;
};

/** The key figures of a summary; every number links to the students behind it. */
export function FigureCards({ figures, periods, drill }: Props) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Key figures">
      {FIGURE_KEYS.map((k) => {
        const f = figures[k];
        const def = FIGURES[k];
        return (
          <li key={k} className="rounded border border-slate-200 bg-white p-3">
            <h3 className="text-sm font-medium text-slate-700">{def.label}</h3>
            <p className="text-xs text-slate-600">{periods[k]}</p>
            {!f.final && <p className="text-xs font-semibold text-amber-800">{notFinalText(f.closesOn)}</p>}
            <p className="mt-1 text-3xl font-bold tabular-nums">
              <Link
                href={query("/reports/drill", { figure: k, ...drill[k] })}
                className="text-blue-900 underline decoration-1 underline-offset-4"
                aria-label={`${def.label}: ${f.rate == null && !f.coded ? (f.note ?? HIDDEN) : fmtRate(f.rate, f.coded)}${f.final ? "" : ` (${notFinalText(f.closesOn)})`} — list the students`}
              >
                {fmtRate(f.rate, f.coded)}
              </Link>
            </p>
            <p className="text-xs text-slate-700">
              {f.rate == null && !f.coded && f.note
                ? f.note
                : f.suppression === "none"
                  ? `${fmtCount(f.numerator)} ${def.numerator} of ${fmtCount(f.denominator)} (${def.denominator})`
                  : f.suppression === "coded"
                    ? `${fmtCount(f.denominator)} (${def.denominator}): within one student of none or all`
                    : HIDDEN}
            </p>
            {f.rate != null && f.note && <p className="mt-1 text-xs font-medium text-amber-800">{f.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}
