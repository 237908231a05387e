import { Role } from "@/lib/generated/prisma/enums";

export const roleLabels: Record<Role, string> = {
  [Role.ADMIN]: "Admin",
  [Role.MANAGER]: "Manager",
  [Role.REVIEWER]: "Reviewer",
  [Role.ENGINEER]: "Engineer",
  [Role.VIEWER]: "Viewer",
};
