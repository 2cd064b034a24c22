"use client";
import { useState } from "react";

/**
 * A <details> whose content is rendered only once it is first opened: the forms and histories a
 * counselor opens now and then cost the page nothing until asked for (the student page's HTML is
 * about half what it was with every collapsed form rendered). Closing it again keeps what was typed.
 * Children should be client components or plain elements; a server component child is still
 * rendered into the page's payload.
 */
export function Disclosure({ summary, className, children }: { summary: React.ReactNode; className?: string; children: React.ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="cursor-pointer font-medium text-blue-800 underline">{summary}</summary>
      {opened && children}
    </details>
  );
}
