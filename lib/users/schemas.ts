// Inputs of the user use cases, shared by the admin and account forms, their server
// actions and the CLI.
import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { Role } from "@/lib/generated/prisma/enums";
import { visibleName } from "@/lib/validation";

export const MIN_PASSWORD_LENGTH = 12;

const userId = z.string().trim().min(1, "Choose a user.").max(64, "That is not a user id.");

export const roleSchema = z.enum(Role, { error: "Choose a role: ADMIN, MANAGER, REVIEWER, ENGINEER or VIEWER." });

export const createUserSchema = z.object({
  name: visibleName(
    z
      .string()
      .trim()
      .min(1, "Enter a name.")
      .max(100, "A name is limited to 100 characters.")
      .regex(/^[^\u0000-\u001f<>]+$/, "A name cannot contain control characters or < >."),
    "A name",
  ),
  email: emailSchema,
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId, role: roleSchema });

export const setActiveSchema = z.object({ userId, active: z.boolean({ error: "Say whether the user is active." }) });

export const resetPasswordSchema = z.object({ userId });

/** The CLI names users by email. */
export const userEmailSchema = z.object({ email: emailSchema });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024, "That password is too long."),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(1024, "A password is limited to 1024 characters."),
    confirmPassword: z.string().max(1024, "A password is limited to 1024 characters."),
  })
  .refine((input) => input.confirmPassword === input.newPassword, {
    path: ["confirmPassword"],
    message: "The new passwords do not match.",
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one.",
  });
