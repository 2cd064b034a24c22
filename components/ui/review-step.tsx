// The last step of a form that changes a student's standing (a status change, a re-engagement):
// the fields are filled in, "Review" asks the question in words, and only "Confirm" submits, with
// confirmed=yes (the server refuses without it). The question is an alertdialog named by its text;
// focus moves to the confirming button, since the review button pressed is gone (WCAG 2.2 SC 2.4.3).
// ConfirmForm (components/ui/confirm-form.tsx) is the one-line kind, for an action with no fields.

type Props = {
  /** The question is showing (the parent's state: a change to a field takes it back). */
  confirming: boolean;
  onReview: () => void;
  onCancel: () => void;
  /** The fields the review needs are filled in. */
  canReview: boolean;
  pending: boolean;
  /** The question's id (names the alertdialog). */
  id: string;
  /** The buttons' words, e.g. "Review status change", "Confirm status change". */
  review: string;
  confirm: string;
  /** The question. */
  children: React.ReactNode;
};

export function ReviewStep({ confirming, onReview, onCancel, canReview, pending, id, review, confirm, children }: Props) {
  if (!confirming) {
    return (
      <button type="button" onClick={onReview} disabled={!canReview} className="rounded border border-slate-500 px-4 py-1.5 font-semibold hover:bg-slate-50 disabled:opacity-50">
        {review}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby={id} className="rounded border border-amber-400 bg-amber-50 p-3">
      <p id={id} className="font-medium">
        {children}
      </p>
      <input type="hidden" name="confirmed" value="yes" />
      <div className="mt-2 flex flex-wrap gap-3">
        <button type="submit" autoFocus disabled={pending} className="rounded bg-amber-800 px-4 py-1.5 font-semibold text-white hover:bg-amber-900">
          {confirm}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-500 px-4 py-1.5">
          Cancel
        </button>
      </div>
    </div>
  );
}
