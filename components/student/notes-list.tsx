import type { StudentRecord } from "@/lib/students/record";
import { NOTE_KIND_LABELS } from "@/lib/notes/schema";
import { NoteForm } from "./note-forms";
import { formatMoment } from "@/lib/time";
import { Disclosure } from "@/components/ui/disclosure";

/** Timeline of notes, newest first; the viewer's own notes can be edited. */
export function NotesList({ notes, viewerId }: { notes: StudentRecord["notes"]; viewerId: string }) {
  if (notes.length === 0) return <p className="text-sm text-slate-600">No notes yet.</p>;
  return (
    <ol className="space-y-3">
      {notes.map((n) => (
        <li key={n.id} className="rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            <time dateTime={n.createdAt.toISOString()}>{formatMoment(n.createdAt)}</time> ·{" "}
            {NOTE_KIND_LABELS[n.kind]} · {n.author.name}
            {n.version > 1 && " · edited"}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm">{n.body}</p>
          {n.author.id === viewerId && (
            <Disclosure className="no-print mt-2 text-sm" summary="Edit note">
              <NoteForm note={{ id: n.id, version: n.version, kind: n.kind, body: n.body }} />
            </Disclosure>
          )}
        </li>
      ))}
    </ol>
  );
}
