"use client";
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";

// One layout for wide screens, another for phones, without sending both. The server renders the
// one lib/http/screen-width.ts guesses from the request (WidthGuess, set by the app's layout);
// once hydrated, the browser's media query decides and follows the window as it is resized.
// Before hydration (or without JavaScript) the guessed layout shows at any width: a phone gets
// its cards, a desktop window made narrow gets the table in its sideways-scrolling frame.

/** Tailwind's md breakpoint (48rem, 768 px at the default font size), where the tables replace the phone cards. */
const WIDE = "(min-width: 48rem)";

const Guess = createContext(true);

export function WidthGuess({ wide, children }: { wide: boolean; children: ReactNode }) {
  return <Guess value={wide}>{children}</Guess>;
}

function subscribe(onChange: () => void): () => void {
  const m = window.matchMedia(WIDE);
  m.addEventListener("change", onChange);
  return () => m.removeEventListener("change", onChange);
}

/** Whether the screen is at least 768 px wide: the server's guess until hydrated, then the browser's answer. */
export function useWideScreen(): boolean {
  const guess = useContext(Guess);
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => guess,
  );
}

/** Renders `wide` from 768 px up and `narrow` below, and only that one. */
export function ByWidth({ wide, narrow }: { wide: ReactNode; narrow: ReactNode }) {
  return useWideScreen() ? wide : narrow;
}
