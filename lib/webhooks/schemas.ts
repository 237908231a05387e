// One set of zod schemas for the webhook forms and the server actions behind them.
import { z } from "zod";
import { WebhookEvent } from "@/lib/generated/prisma/enums";
import { entityId } from "@/lib/validation";

export const MAX_WEBHOOK_URL_LENGTH = 2_000;

export const webhookUrl = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(MAX_WEBHOOK_URL_LENGTH, `The URL is limited to ${MAX_WEBHOOK_URL_LENGTH.toLocaleString("en")} characters.`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, such as https://hooks.example.com/preflight." });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      ctx.addIssue({ code: "custom", message: "The URL must start with https:// or http://." });
    // Credentials in a URL end up in logs and screens; receivers verify the signature instead.
    else if (url.username || url.password)
      ctx.addIssue({
        code: "custom",
        message: "The URL cannot contain a user name or password; the signature header authenticates each delivery.",
      });
  });

export const webhookEventList = z
  .array(z.enum(WebhookEvent, { error: "is not an event Preflight sends" }))
  .min(1, "Choose at least one event.")
  .transform((events) => [...new Set(events)]);

const description = z
  .string()
  .trim()
  .max(200, "The description is limited to 200 characters.")
  .regex(/^[^\u0000-\u001f]*$/, "The description cannot contain control characters.");

export const createWebhookSchema = z.object({
  url: webhookUrl,
  description: description.default(""),
  events: webhookEventList,
});

export const updateWebhookSchema = z.object({
  webhookId: entityId,
  description: description.optional(),
  events: webhookEventList,
  active: z.boolean({ error: "must be true or false" }),
});

export const webhookIdSchema = z.object({ webhookId: entityId });
export const deliveryIdSchema = z.object({ deliveryId: entityId });
