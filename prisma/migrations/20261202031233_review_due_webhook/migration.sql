-- "review.due": a template or a sign-off enters its 14-day review window (issue: one job
-- runner for everything in the background). Appended last, as in schema.prisma.
ALTER TYPE "WebhookEvent" ADD VALUE 'REVIEW_DUE';
