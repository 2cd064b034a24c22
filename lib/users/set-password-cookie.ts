// The set-password link's cookie. proxy.ts moves the token from /set-password?token=… into it at
// the first load and redirects to the bare /set-password, so the token stays out of the address
// bar and history, out of any Referer, and out of what the server and a reverse proxy log or pass
// on (request URLs, the x-pathname header). The page and its action read it from here.
// HttpOnly; sent only to /set-password; SameSite=Lax, not Strict: the link is usually opened from a
// mail client or webmail page, and a Strict cookie set during a navigation another site started is
// not sent on that navigation's redirect, so the page would never see it. Gone after 30 minutes;
// the link itself lasts 72 hours (lib/users/passwords.ts), so opening it again starts over. Once
// the password is set the token is used and the cookie opens nothing; it is left to expire.
export const SET_PASSWORD_COOKIE = "credittrack-set-password";
export const SET_PASSWORD_COOKIE_MAX_AGE = 30 * 60;
