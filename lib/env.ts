import "server-only";
import { z } from "zod";
import { isTimeZone } from "./calendar";

// Environment checked once, with a clear message instead of a crash later.
const schema = z.object({
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters (the start script makes one)"),
  NEXTAUTH_URL: z.string().url().optional(),
  DISTRICT_TIME_ZONE: z.string().refine(isTimeZone, "must be an IANA time zone name (e.g. America/Chicago)").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int("must be a whole number of minutes")
    .min(5, "must be at least 5 minutes")
    .max(24 * 60)
    .default(60),
  // Read by scripts/serve.mjs (scripts/serve/request.mjs), which sets X-Forwarded-For/-Proto/-Host
  // before the app sees a request; checked here too so a bad value is reported the same way.
  TRUSTED_PROXIES: z
    .string()
    .regex(/^\s*\d*\s*$/, "must be a whole number ≥ 0 (the number of proxies in front of the server)")
    .transform((v) => Number(v.trim() || 0))
    .default(0),
  AZURE_AD_CLIENT_ID: z.string().optional(),
  AZURE_AD_CLIENT_SECRET: z.string().optional(),
  AZURE_AD_TENANT_ID: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  // E-mail (lib/mail.ts): set-password links are sent only when both are set.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL (e.g. smtps://user:password@mail.example.org:465)")
    .optional(),
  MAIL_FROM: z.string().email("must be an email address (the sender of CreditTrack's e-mails)").optional(),
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`CreditTrack configuration is incomplete:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}
