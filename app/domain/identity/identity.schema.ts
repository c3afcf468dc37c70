/** Forms about people: logging in, their profile, their password. */
import * as z from "zod";
import { LOCALES } from "~/lib/i18n/locales";
import { isCommonPassword } from "~/lib/common-passwords.server";
import { email, password, text } from "~/lib/forms";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * A new password: 12 to 256 characters, kept exactly as typed, and not one of the 10,000 most common
 * (checked on the server only: the list is a `.server` module, left out of the browser's bundle).
 */
export const newPassword = () =>
  z
    .string({ error: "form.error.required" })
    .min(1, { error: "form.error.required" })
    .min(PASSWORD_MIN, { error: "password.tooShort" })
    .max(PASSWORD_MAX)
    .refine((value) => !isCommonPassword(value), { error: "password.common", abort: true });

export const LoginSchema = z.object({
  email: email(),
  password: password(),
  redirectTo: z.string().max(500).optional(),
});

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name: text(120),
  locale: z.enum(LOCALES),
});

export const PasswordChangeSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: password(),
    newPassword: newPassword(),
    confirmPassword: password(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "password.mismatch",
  });

/** `npm run admin:create`: the first platform administrator, from the command line. */
export const PlatformAdminSchema = z.object({
  email: email(),
  name: text(120),
  locale: z.enum(LOCALES),
  password: newPassword(),
});

export const NewAccountSchema = z
  .object({
    name: text(120),
    password: newPassword(),
    confirmPassword: password(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "password.mismatch" });
