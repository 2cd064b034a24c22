// The setup token's cookie. proxy.ts moves a token from /setup?token=… into it at the first load
// (and redirects to plain /setup), so the token leaves the address bar, the browser history and
// any Referer; the page and its action read it from here. HttpOnly, only sent to /setup, gone
// after a day (the token's own lifetime); once setup consumed its token it opens nothing.
export const SETUP_COOKIE = "credittrack-setup";
export const SETUP_COOKIE_MAX_AGE = 24 * 60 * 60;
