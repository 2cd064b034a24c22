"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/signin" })} className="rounded px-3 py-1 text-sm text-blue-100 underline-offset-2 hover:underline">
      Sign out
    </button>
  );
}
