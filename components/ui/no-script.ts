import type { FormAction } from "@/components/ui/action-form";

// What a form posts before its JavaScript has run (issue 17: "a submit before hydration sent a GET
// with scores in the URL"). A server action given to <form action> renders as a POST to the action
// with its id in hidden fields (React 19 progressive enhancement); a wrapper made in the browser
// (useOutlivingAction) has no id, so it names the server action it wraps here.
const wrapped = new WeakMap<FormAction, FormAction>();

/** Records that `wrapper` runs the server action `serverAction` (and does more in the browser). */
export function wraps(wrapper: FormAction, serverAction: FormAction): FormAction {
  wrapped.set(wrapper, serverAction);
  return wrapper;
}

/** The server action behind a wrapper, if it is one. */
export function serverActionOf(action: FormAction): FormAction | undefined {
  return wrapped.get(action);
}
