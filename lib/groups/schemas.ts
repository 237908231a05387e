// Inputs of the reviewer-group use cases, shared by the admin forms, their server actions and
// the template editor (a group is named by its slug in a template's structure).
import { z } from "zod";
import { entityId, visibleName } from "@/lib/validation";

export const MAX_GROUP_NAME = 80;

/** How templates and API answers name a group: "compliance", "security-team". */
export const groupSlug = z
  .string({ error: "Enter a slug." })
  .trim()
  .toLowerCase()
  .min(1, "Enter a slug.")
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    "A slug is 1–40 lower-case letters, digits and dashes, starting with a letter or digit.",
  );

const groupName = visibleName(
  z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(MAX_GROUP_NAME, `A name is limited to ${MAX_GROUP_NAME} characters.`)
    .regex(/^[^\u0000-\u001f<>]+$/, "A name cannot contain control characters or < >."),
  "A name",
);

export const createGroupSchema = z.object({ slug: groupSlug, name: groupName });

export const renameGroupSchema = z.object({ groupId: entityId, name: groupName });

export const groupIdSchema = z.object({ groupId: entityId });

export const groupMemberSchema = z.object({
  groupId: entityId,
  userId: z.string().trim().min(1, "Choose a reviewer.").max(64, "That is not a user id."),
});

/** A group as the template editor offers it. */
export type GroupChoice = { slug: string; name: string };
