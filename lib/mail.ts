import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// Outgoing e-mail, only when the district configured it: SMTP_URL (smtp:// or smtps://, with the
// account in the URL) and MAIL_FROM. Nothing else depends on it; without it, links are handed
// over by the administrator. Tests give their own transport (nodemailer's JSON transport).

let override: Transporter | null = null;
let cached: Transporter | null = null;

/** Whether e-mail can be sent (both settings present). */
export function mailConfigured(): boolean {
  if (override) return true;
  const e = env();
  return Boolean(e.SMTP_URL && e.MAIL_FROM);
}

/** For tests: a transport to use instead of SMTP (null to go back). */
export function setMailTransport(t: Transporter | null): void {
  override = t;
}

function transport(): Transporter {
  if (override) return override;
  cached ??= nodemailer.createTransport(env().SMTP_URL!, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return cached;
}

/** Sends one plain-text message; throws when mail is not configured or the server refuses it. */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  if (!mailConfigured()) throw new Error("E-mail is not configured (SMTP_URL, MAIL_FROM)");
  await transport().sendMail({ from: env().MAIL_FROM ?? "credittrack@localhost", ...message });
}
