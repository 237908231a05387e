"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { retryJob, type retryJobSchema } from "@/lib/jobs/admin";
import type { QueueName } from "@/lib/jobs/queues";

// retryJob parses its input and checks "settings:manage" itself: this action is a public endpoint.
export async function retryJobAction(
  input: z.input<typeof retryJobSchema>,
): Promise<ActionResult<{ queue: QueueName; jobId: string }>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const retried = await retryJob(actor, input);
    revalidatePath("/admin/jobs");
    return retried;
  });
}
