// Which layout to render on the server for a page that has one for wide screens and one for phones
// (components/ui/by-width.tsx). Rendering both and hiding one with CSS doubled the caseload's HTML
// (274 KB for 50 students, half of it cards a laptop never shows) and with it the server's render
// work on the busiest page. The server guesses from what the browser says about itself; after
// hydration the browser's own media query decides, so a wrong guess costs one re-render.
// - `Sec-CH-UA-Mobile` (a User-Agent Client Hint Chromium browsers send on every request): "?1"
//   for a phone, "?0" otherwise.
// - Otherwise the User-Agent: phones' browsers write "Mobi" (Android phones "Mobile", iPhones
//   "Mobile/…"); tablets do not, and get the wide layout, as their screens are.

/** True when the request most likely comes from a screen at least 768 px wide (Tailwind's md). */
export function wideScreenLikely(headers: Pick<Headers, "get">): boolean {
  const hint = headers.get("sec-ch-ua-mobile");
  if (hint === "?1") return false;
  if (hint === "?0") return true;
  return !/Mobi/i.test(headers.get("user-agent") ?? "");
}
