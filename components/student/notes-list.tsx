import type { StudentRecord } from "@/lib/students/record";
import { NOTE_KIND_LABELS } from "@/lib/notes/schema";
import { sharingFor, type NoteSharing } from "@/lib/notes/share";
import { getViewer } from "@/lib/auth";
import { NoteForm, ShareNoteForm } from "./note-forms";
import { formatMoment } from "@/lib/calendar";
import { Disclosure } from "@/components/ui/disclosure";

/**
 * Timeline of notes, newest first; the viewer's own notes can be edited. A restricted note says so
 * and, for its author or an administrator, whom it is shared with and a button to share it with
 * the student's current counselor (lib/notes/share.ts). FAMILY_CONTACT notes migrated into the
 * contact log are not in `notes` (lib/students/record.ts): the Family contacts list shows them.
 */
export async function NotesList({ notes, viewerId }: { notes: StudentRecord["notes"]; viewerId: string }) {
  if (notes.length === 0) return <p className="text-sm text-slate-600">No notes yet.</p>;
  const restricted = notes.filter((n) => n.restricted).map((n) => n.id);
  const sharing: NoteSharing = restricted.length > 0 ? await sharingFor(await getViewer(), restricted) : new Map();
  return (
    <ol className="space-y-3">
      {notes.map((n) => {
        const share = sharing.get(n.id);
        return (
          <li key={n.id} className={`rounded border p-3 ${n.restricted ? "border-amber-400 bg-amber-50" : "border-slate-200 bg-white"}`}>
            <p className="text-xs text-slate-700">
              {n.restricted && <strong className="mr-1 text-amber-900">Restricted ·</strong>}
              <time dateTime={n.createdAt.toISOString()}>{formatMoment(n.createdAt)}</time> · {NOTE_KIND_LABELS[n.kind]} · {n.author.name}
              {n.version > 1 && " · edited"}
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm">{n.body}</p>
            {share && (
              <div className="no-print mt-2 flex flex-wrap items-center gap-2 text-sm">
                <span>{share.shares.length === 0 ? "Not shared with anyone." : `Shared with ${share.shares.map((u) => u.name).join(", ")}.`}</span>
                {share.shares.map((u) => (
                  <ShareNoteForm key={`u-${u.id}`} noteId={n.id} user={u} mode="unshare" />
                ))}
                {share.candidates.map((u) => (
                  <ShareNoteForm key={`s-${u.id}`} noteId={n.id} user={u} mode="share" />
                ))}
              </div>
            )}
            {n.author.id === viewerId && (
              <Disclosure className="no-print mt-2 text-sm" summary="Edit note">
                <NoteForm note={{ id: n.id, version: n.version, kind: n.kind, body: n.body }} />
              </Disclosure>
            )}
          </li>
        );
      })}
    </ol>
  );
}
