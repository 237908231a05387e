/** What every view of a deployment shows first (the list, the checklist): who, what, where,
 * its state and dates, and its owner. */
export const deploymentHeadSelect = {
  id: true,
  service: true,
  environment: true,
  version: true,
  status: true,
  targetDate: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} as const;
