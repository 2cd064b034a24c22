"use client";
import { ClientKeyField, useKeyedActionForm } from "@/components/ui/client-key";
import { buttonClass } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { addNoteAction, editNoteAction, shareNoteAction, unshareNoteAction } from "@/lib/notes/actions";
import { FAMILY_CONTACT_HINT, NOTE_KINDS, NOTE_KIND_LABELS, NOTE_MAX, RESTRICTED_LABEL } from "@/lib/notes/schema";

// A new note is a check-in or other: family contacts go in the Family contacts log (issue 16). An
// old FAMILY_CONTACT note being edited keeps its kind on offer (lib/notes/notes.ts editNote).
const kinds = NOTE_KINDS.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }));
const kindsFor = (current?: string) => (current === "FAMILY_CONTACT" ? [...kinds, { value: current, label: NOTE_KIND_LABELS.FAMILY_CONTACT }] : kinds);

/** One form with a mode: add a note to a student, or edit one of mine (names the version it read). */
export function NoteForm(props: { studentId: string } | { note: { id: string; version: number; kind: string; body: string } }) {
  const editing = "note" in props;
  // Adding: one key per filled-in form, made at its first submit and sent by every resubmit (a
  // double click, a retry) until the form is reset by a save, so the note is stored once
  // (lib/notes/notes.ts addNote). Set on submit, not at render: the server render cannot know it.
  const f = useKeyedActionForm(editing ? editNoteAction : addNoteAction, !editing);
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} noValidate aria-label={editing ? "Edit note" : "Add a note"} className="mt-2">
      <FocusMessage state={f.state} />
      {editing ? (
        <>
          <input type="hidden" name="noteId" value={props.note.id} />
          <input type="hidden" name="version" value={props.note.version} />
        </>
      ) : (
        <>
          <input type="hidden" name="studentId" value={props.studentId} />
          <ClientKeyField />
        </>
      )}
      <SelectField
        label="Kind of note"
        name="kind"
        placeholder="Choose…"
        options={kindsFor(editing ? props.note.kind : undefined)}
        hint={FAMILY_CONTACT_HINT}
        defaultValue={editing ? props.note.kind : "CHECK_IN"}
        error={f.errorFor("kind")}
        className="max-w-xs"
      />
      <TextareaField
        label="Note"
        name="body"
        rows={editing ? 4 : 3}
        maxLength={NOTE_MAX + 1000}
        hint={`Up to ${NOTE_MAX.toLocaleString("en-US")} characters`}
        defaultValue={editing ? props.note.body : undefined}
        error={f.errorFor("body")}
      />
      {!editing && (
        <label className="mb-3 flex min-h-6 items-start gap-2 text-sm">
          <input type="checkbox" name="restricted" className="mt-0.5 size-5 shrink-0" />
          <span>{RESTRICTED_LABEL}</span>
        </label>
      )}
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "sm")}>
        {editing ? "Save note" : "Add note"}
      </button>
    </form>
  );
}

/** Share a restricted note with a staff member who can reach the student, or take a share back. */
export function ShareNoteForm({ noteId, user, mode }: { noteId: string; user: { id: string; name: string }; mode: "share" | "unshare" }) {
  const f = useActionForm(mode === "share" ? shareNoteAction : unshareNoteAction);
  const label = mode === "share" ? `Share with ${user.name}` : `Stop sharing with ${user.name}`;
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label={label} className="inline-block">
      <FocusMessage state={f.state} />
      <input type="hidden" name="noteId" value={noteId} />
      <input type="hidden" name="userId" value={user.id} />
      <button type="submit" disabled={f.pending} className="min-h-6 rounded border border-slate-400 px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
        {label}
      </button>
    </form>
  );
}
