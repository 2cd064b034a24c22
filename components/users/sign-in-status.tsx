/** Whether a person can sign in yet, in words: an account without a password needs one unless single sign-on is on. */
export function SignInStatus({ hasPassword, sso }: { hasPassword: boolean; sso: string[] }) {
  if (hasPassword) return <>Password set</>;
  if (sso.length > 0) return <>Signs in with {sso.join(" or ")} (no password)</>;
  return <strong className="font-semibold text-amber-900">No password — set one or issue a link</strong>;
}
