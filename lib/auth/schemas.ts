import { z } from "zod";

/** Emails are stored lower-cased; every form that takes one normalises it the same way. The
 * pattern is the HTML standard's (what a browser's type="email" accepts), so the server
 * never refuses an address the form let through, such as one on an intranet domain. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ pattern: z.regexes.html5Email, error: "Enter a valid email address." }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});
