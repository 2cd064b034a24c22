import type { TrendPoint } from "@/lib/reports/figures";
import { TrendChart } from "./trend-chart";

/**
 * The last school years' figures in three line charts (each with its table view) and the trend's
 * CSV: the school summary's (one school, or the district for a district administrator) and the
 * district summary's. The points are each year's figures as that year's summary shows them.
 */
export function TrendSection({ points, csvHref, years }: { points: TrendPoint[]; csvHref: string; years: number }) {
  return (
    <section aria-labelledby="trend-heading" className="mt-8">
      <h2 id="trend-heading" className="text-xl font-semibold">
        Trend over the last {years} school years
      </h2>
      <div className="mt-3 grid gap-4 lg:grid-cols-3">
        <TrendChart title="Graduation rates" points={points} keys={["acgr4", "acgr5"]} />
        <TrendChart title="Annual dropout rate" points={points} keys={["dropout"]} />
        <TrendChart title="Online courses and completers" points={points} keys={["program", "completers"]} />
      </div>
      <p className="mt-2 text-sm">
        <a href={csvHref} className="text-blue-800 underline" download>
          Download the trend as CSV
        </a>
      </p>
    </section>
  );
}
