import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { catalogCoursesForMapping, listMappings } from "@/lib/imports/mapping/store";
import { formatMoment } from "@/lib/calendar";
import { FIELD_LABELS, PROGRESS_FIELDS, REQUIRED_FIELDS } from "@/lib/imports/mapping/schema";
import { MappingEditor, MappingJsonImport } from "@/components/imports/mapping-editor";

export const metadata: Metadata = { title: "Column mappings" };

// Column mappings (issue #15): how a provider's own export is read as provider progress. A district
// administrator maps a sample once; later files with the same header are read through it (the
// Imports page, the command line's --mapping, the landing folder).

export default async function MappingsPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "imports.manage", "/imports/mappings");
  const [mappings, courses] = await Promise.all([listMappings(viewer), catalogCoursesForMapping(viewer)]);
  return (
    <>
      <p className="text-sm">
        <Link className="text-blue-800 underline" href="/imports">
          Imports
        </Link>{" "}
        › Column mappings
      </p>
      <h1 className="mt-1 text-2xl font-bold">Column mappings</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        A provider&apos;s gradebook export can be imported as it is: map its columns to CreditTrack&apos;s provider progress fields once, check the preview, and save the mapping
        under the provider&apos;s name. Later files with the same column names (in any order) are read through it on the Imports page, from the landing folder and with{" "}
        <code>npm run import -- progress &lt;file&gt; --mapping &lt;name&gt;</code>.
      </p>
      <section className="mt-6" aria-labelledby="saved">
        <h2 id="saved" className="text-lg font-semibold">
          Saved mappings
        </h2>
        {mappings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None yet.</p>
        ) : (
          <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <Table density="roomy" caption="Saved column mappings, latest version of each">
              <thead>
                <tr>
                  {["Name", "Version", "Columns read", "Saved", "JSON"].map((h) => (
                    <Th key={h}>{h}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {mappings.map((m) => (
                  <tr key={m.id} className="align-top">
                    <RowTh className="font-medium">{m.name}</RowTh>
                    <Td className="tabular-nums">
                      {m.version}
                      {m.versions > 1 ? ` (${m.versions} saved)` : ""}
                    </Td>
                    <Td>
                      {PROGRESS_FIELDS.filter((f) => m.definition.fields[f])
                        .map((f) => {
                          const s = m.definition.fields[f]!;
                          return `${FIELD_LABELS[f]} ← ${s.column ? `“${s.column}”` : `fixed “${s.value}”`}`;
                        })
                        .join("; ")}
                    </Td>
                    <Td className="whitespace-nowrap">
                      {formatMoment(m.createdAt)}
                      {m.createdBy ? ` by ${m.createdBy}` : ""}
                    </Td>
                    <Td>
                      <a className="text-blue-800 underline" href={`/api/imports/mappings/${m.id}`}>
                        Download
                        <span className="sr-only">
                          {" "}
                          {m.name} version {m.version} as JSON
                        </span>
                      </a>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
        <MappingJsonImport />
      </section>
      <MappingEditor fields={PROGRESS_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f], required: REQUIRED_FIELDS.includes(f) }))} courses={courses} />
    </>
  );
}
