import { describe, expect, it } from "vitest";
import { readSource, sourceFiles } from "@/lib/test/source-files";

// Issue 17: "Forms submit without JavaScript too (a submit before hydration sent a GET with scores
// in the URL)". A <form> with only onSubmit falls back to the browser's default, a GET with every
// field in the URL, when a user submits before React has hydrated (or with JavaScript off). Every
// form that writes must name an action (a server action: React posts it, progressively enhanced) or
// method="post". The forms that intentionally GET are searches and filters whose fields are the
// page's URL state (STYLE.md: "URL is the state"): listed here by file and name, so a new GET form
// is a decision, not an accident.
const GET_FORMS: Record<string, string[]> = {
  "app/(app)/audit/page.tsx": ["audit filters"],
  "app/(app)/reports/plans/page.tsx": ["plans report filters"],
  "app/(app)/reports/early-warning/page.tsx": ["early-warning filters"],
  "components/caseload/filters.tsx": ["Filter the caseload"],
  "components/caseload/caseload-table.tsx": ["Sort the caseload"],
  "components/reengagement/filters.tsx": ["Filter the Re-engagement list"],
  "components/today/filters.tsx": ["Filter the Today list"],
  "components/shell/student-search.tsx": ["Find a student"],
  "components/reports/report-picker.tsx": ["report picker"],
  "components/reports/schools-table.tsx": ["Find a school"],
};

/** Each <form …> opening tag of a file (JSX attributes may span lines). */
function formTags(src: string): string[] {
  const tags: string[] = [];
  const re = /<form\b/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    // The tag ends at the first ">" outside braces (an arrow function's "=>" is inside braces).
    let depth = 0;
    let i = m.index + 5;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    tags.push(src.slice(m.index, i + 1));
  }
  return tags;
}

const files = [...sourceFiles("app"), ...sourceFiles("components")].filter((f) => f.endsWith(".tsx") && !f.endsWith(".test.tsx"));
const forms = files.flatMap((file) => formTags(readSource(file)).map((tag) => ({ file, tag })));

describe("forms post without JavaScript", () => {
  it("finds the forms (the scan reads the JSX)", () => {
    expect(forms.length).toBeGreaterThanOrEqual(40);
    expect(forms.some((f) => f.file === "components/student/results-form.tsx")).toBe(true);
  });

  it("every form that is not a listed search or filter has a server action or method=post", () => {
    const bad = forms.filter(({ file, tag }) => !(file in GET_FORMS) && !/\baction=\{/.test(tag) && !/method="post"/.test(tag)).map((f) => `${f.file}: ${f.tag.slice(0, 80)}`);
    expect(bad).toEqual([]);
  });

  it("no form that writes says method=get", () => {
    const bad = forms.filter(({ file, tag }) => !(file in GET_FORMS) && /method="get"/i.test(tag)).map((f) => f.file);
    expect(bad).toEqual([]);
  });

  it("the listed search and filter forms GET, as many as listed", () => {
    for (const [file, names] of Object.entries(GET_FORMS)) {
      const tags = forms.filter((f) => f.file === file).map((f) => f.tag);
      expect(tags.length, file).toBe(names.length);
      for (const tag of tags) expect(tag, file).toMatch(/method="get"/);
    }
  });

  it("the assessment results form posts to its server action", () => {
    const tag = forms.find((f) => f.file === "components/student/results-form.tsx")!.tag;
    expect(tag).toMatch(/action=\{f\.action\}/);
    expect(readSource("components/student/results-form.tsx")).toMatch(/useActionForm\(recordResultsAction/);
  });
});
