"use client";
import { useState } from "react";

/**
 * A <details> whose content is rendered only once it is first opened: the forms and histories a
 * counselor opens now and then cost the page nothing until asked for (the student page's HTML is
 * about half what it was with every collapsed form rendered). Closing it again keeps what was typed.
 * Children should be client components or plain elements; a server component child is still
 * rendered into the page's payload.
 */
export function Disclosure({
  summary,
  className,
  children,
  open = false,
  noScriptHref,
}: {
  summary: React.ReactNode;
  className?: string;
  children: React.ReactNode;
  /** Open, with the content rendered on the server (the page was asked for it, e.g. by noScriptHref). */
  open?: boolean;
  /**
   * Without JavaScript the content is never rendered: a <details> still opens, and shows a link to
   * this address, a page that renders it open (issue 17: forms submit without JavaScript too).
   */
  noScriptHref?: string;
}) {
  const [opened, setOpened] = useState(open);
  return (
    <details className={className} open={open || undefined} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="cursor-pointer font-medium text-blue-800 underline">{summary}</summary>
      {opened
        ? children
        : noScriptHref && (
            <noscript>
              <a href={noScriptHref} className="mt-1 inline-block min-h-6 text-sm text-blue-800 underline">
                Show this form (JavaScript is off)
              </a>
            </noscript>
          )}
    </details>
  );
}
