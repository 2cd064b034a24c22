import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

// The app's buttons, in one place (STYLE.md: components/ui/). Every size is at least 24×24 px
// (WCAG 2.2 SC 2.5.8 Target Size (Minimum)): min-h-6 whatever the padding. Disabled looks faded.
export type Variant = "primary" | "secondary" | "outline" | "danger" | "dangerOutline" | "link";
export type Size = "md" | "sm" | "xs";

const VARIANT: Record<Variant, string> = {
  primary: "rounded bg-blue-800 font-semibold text-white hover:bg-blue-900",
  secondary: "rounded border border-slate-400 bg-white hover:bg-slate-100",
  outline: "rounded border border-blue-800 font-semibold text-blue-800 hover:bg-blue-50",
  danger: "rounded bg-red-800 font-semibold text-white hover:bg-red-900",
  dangerOutline: "rounded border border-red-700 font-semibold text-red-800 hover:bg-red-50",
  link: "inline-flex items-center text-blue-800 underline",
};
const SIZE: Record<Size, string> = { md: "px-4 py-2", sm: "px-4 py-1.5", xs: "px-3 py-1" };

/** The classes of a button of this variant and size (a link that looks like one, a summary…). */
export function buttonClass(variant: Variant = "primary", size: Size = "md", className?: string): string {
  const base = variant === "link" ? `${VARIANT.link} min-h-6` : `${VARIANT[variant]} ${SIZE[size]} min-h-6 disabled:opacity-60`;
  return className ? `${base} ${className}` : base;
}

type Look = { variant?: Variant; size?: Size };

/** A <button>; type="button" unless said (a form's submit says type="submit"). */
export function Button({ variant, size, className, type = "button", ...rest }: Look & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}

/** A link that looks like a button (it navigates: it is a link to assistive technology). */
export function ButtonLink({ variant, size, className, ...rest }: Look & ComponentProps<typeof Link>) {
  return <Link className={buttonClass(variant, size, className)} {...rest} />;
}
