/**
 * The header's student search, on every page (issue 16): name or SIS id, within the viewer's scope
 * — it opens the caseload filtered by ?q= (lib/students/caseload.ts searches each word as the start
 * of a first name, last name or SIS id, in the viewer's scope). A plain GET form: works without
 * JavaScript; its own label; on a phone it takes a full row of the wrapping header.
 */
export function StudentSearch() {
  return (
    <form method="get" action="/caseload" role="search" aria-label="Find a student" className="flex w-full items-center gap-2 sm:w-auto">
      <label htmlFor="header-q" className="sr-only">
        Student name or SIS id
      </label>
      <input
        id="header-q"
        name="q"
        type="search"
        placeholder="Find a student (name or SIS id)"
        autoComplete="off"
        maxLength={100}
        className="min-h-8 w-full min-w-0 rounded border border-blue-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-600 sm:w-64"
      />
      <button type="submit" className="min-h-8 rounded border border-blue-200 px-3 py-1 text-sm font-semibold text-white hover:bg-blue-800">
        Find
      </button>
    </form>
  );
}
