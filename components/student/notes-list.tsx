import type { StudentRecord } from "@/lib/students/record";
import { NOTE_KIND_LABELS } from "@/lib/notes/schema";
import { NoteForm } from "./note-forms";

/** Timeline of notes, newest first; the viewer's own notes can be edited. */
export function NotesList({ notes, viewerId }: { notes: StudentRecord["notes"]; viewerId: string }) {
  if (notes.length === 0) return <p className="text-sm text-slate-600">No notes yet.</p>;
  return (
    <ol className="space-y-3">
      {notes.map((n) => (
        <li key={n.id} className="rounded border border-slate-200 bg-white p-3">
          <p className="text-xs text-slate-600">
            <time dateTime={n.createdAt.toISOString()}>{n.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}</time> ·{" "}
            {NOTE_KIND_LABELS[n.kind]} · {n.author.name}
            {n.version > 1 && " · edited"}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm">{n.body}</p>
          {n.author.id === viewerId && (
            <details className="no-print mt-2">
              <summary className="cursor-pointer text-sm text-blue-800 underline">Edit note</summary>
              <NoteForm note={{ id: n.id, version: n.version, kind: n.kind, body: n.body }} />
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
