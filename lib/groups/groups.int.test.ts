import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/groups/manage";
import { listEligibleMembers, listGroups } from "@/lib/groups/queries";
import { groupsOfUser } from "@/lib/signoff/approver-groups";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const options = { db: prisma };

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  const fieldMessage = error.fieldErrors && Object.values(error.fieldErrors)[0];
  return { status: error.status, message: fieldMessage ?? error.message };
}

const newSlug = () =>
  uniqueKey("g")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 40);

async function auditOf(entityId: string) {
  return prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

async function setUp() {
  const admin = await createTestUser(prisma, "ADMIN");
  const group = await createGroup(admin, { slug: newSlug(), name: "Compliance" }, options);
  return { admin, group };
}

describe("createGroup", () => {
  it("stores the slug lower-cased and the name trimmed, audited", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const slug = newSlug();
    const group = await createGroup(admin, { slug: ` ${slug.toUpperCase()} `, name: "  Compliance " }, options);
    expect(group).toMatchObject({ slug, name: "Compliance" });
    expect(await auditOf(group.id)).toMatchObject([
      { actorId: admin.id, action: "group.create", entityType: "ReviewerGroup", after: { slug, name: "Compliance" } },
    ]);
  });

  it("refuses a slug taken (409), a malformed slug or name (400), and a non-admin (403)", async () => {
    const { admin, group } = await setUp();
    expect(await refusal(createGroup(admin, { slug: group.slug, name: "Again" }, options))).toEqual({
      status: 409,
      message: `A group with the slug ${group.slug} already exists.`,
    });
    for (const slug of ["-lead", "with space", "a".repeat(41), "", "ümlaut"])
      expect((await refusal(createGroup(admin, { slug, name: "X" }, options))).status).toBe(400);
    expect(await refusal(createGroup(admin, { slug: newSlug(), name: "x".repeat(81) }, options))).toEqual({
      status: 400,
      message: "A name is limited to 80 characters.",
    });
    expect(await refusal(createGroup(admin, { slug: newSlug(), name: " " }, options))).toEqual({
      status: 400,
      message: "Enter a name.",
    });
    const reviewer = await createTestUser(prisma, "REVIEWER");
    expect((await refusal(createGroup(reviewer, { slug: newSlug(), name: "X" }, options))).status).toBe(403);
    expect((await refusal(createGroup(null, { slug: newSlug(), name: "X" }, options))).status).toBe(401);
  });
});

describe("renameGroup", () => {
  it("changes the name, keeps the slug, audits before and after; an unknown group is 404", async () => {
    const { admin, group } = await setUp();
    const renamed = await renameGroup(admin, { groupId: group.id, name: "Compliance office" }, options);
    expect(renamed).toEqual({ id: group.id, slug: group.slug, name: "Compliance office" });
    // The same name again changes nothing and records nothing.
    await renameGroup(admin, { groupId: group.id, name: "Compliance office" }, options);
    expect((await auditOf(group.id)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["group.create", null, { slug: group.slug, name: "Compliance" }],
      ["group.rename", { name: "Compliance" }, { name: "Compliance office" }],
    ]);
    expect(await refusal(renameGroup(admin, { groupId: "missing", name: "X" }, options))).toEqual({
      status: 404,
      message: "That reviewer group does not exist.",
    });
  });
});

describe("group members", () => {
  it("adds active reviewers and admins, once, and removes them, each change audited", async () => {
    const { admin, group } = await setUp();
    const reviewer = await createTestUser(prisma, "REVIEWER");
    const added = await addGroupMember(admin, { groupId: group.id, userId: reviewer.id }, options);
    expect(added).toMatchObject({ changed: true, user: { id: reviewer.id } });
    expect((await addGroupMember(admin, { groupId: group.id, userId: reviewer.id }, options)).changed).toBe(false);
    await addGroupMember(admin, { groupId: group.id, userId: admin.id }, options);
    expect(await groupsOfUser(prisma, reviewer.id)).toEqual([group.slug]);

    const removed = await removeGroupMember(admin, { groupId: group.id, userId: reviewer.id }, options);
    expect(removed.changed).toBe(true);
    expect((await removeGroupMember(admin, { groupId: group.id, userId: reviewer.id }, options)).changed).toBe(false);
    expect(await groupsOfUser(prisma, reviewer.id)).toEqual([]);
    expect((await auditOf(group.id)).map((e) => [e.action, e.before ?? e.after])).toEqual([
      ["group.create", { slug: group.slug, name: "Compliance" }],
      ["group.member.add", { userId: reviewer.id, slug: group.slug }],
      ["group.member.add", { userId: admin.id, slug: group.slug }],
      ["group.member.remove", { userId: reviewer.id, slug: group.slug }],
    ]);
  });

  it("refuses a user who is not an active reviewer or admin, naming their role", async () => {
    const { admin, group } = await setUp();
    const engineer = await prisma.user.create({
      data: { email: `${uniqueKey("eng")}@example.test`, name: "Pat Engineer", role: "ENGINEER" },
    });
    expect(await refusal(addGroupMember(admin, { groupId: group.id, userId: engineer.id }, options))).toEqual({
      status: 400,
      message:
        "Pat Engineer has the role Engineer; only reviewers and admins can be members of a reviewer group. Change their role first.",
    });
    const gone = await prisma.user.create({
      data: { email: `${uniqueKey("rev")}@example.test`, name: "Ex Reviewer", role: "REVIEWER", active: false },
    });
    expect(await refusal(addGroupMember(admin, { groupId: group.id, userId: gone.id }, options))).toEqual({
      status: 400,
      message: "Ex Reviewer is deactivated; only active reviewers and admins can be members of a reviewer group.",
    });
    expect(await refusal(addGroupMember(admin, { groupId: group.id, userId: "missing" }, options))).toEqual({
      status: 400,
      message: "That user does not exist.",
    });
    expect(await prisma.reviewerGroupMember.count({ where: { groupId: group.id } })).toBe(0);
    const reviewer = await createTestUser(prisma, "REVIEWER");
    expect((await refusal(addGroupMember(reviewer, { groupId: group.id, userId: reviewer.id }, options))).status).toBe(
      403,
    );
  });
});

describe("listGroups", () => {
  it("lists each group with its members by name and no template versions yet; eligible members are active reviewers and admins", async () => {
    const { admin, group } = await setUp();
    const zed = await prisma.user.create({
      data: { email: `${uniqueKey("z")}@example.test`, name: "Zed Reviewer", role: "REVIEWER" },
    });
    const amy = await prisma.user.create({
      data: { email: `${uniqueKey("a")}@example.test`, name: "Amy Reviewer", role: "REVIEWER" },
    });
    await addGroupMember(admin, { groupId: group.id, userId: zed.id }, options);
    await addGroupMember(admin, { groupId: group.id, userId: amy.id }, options);
    const listed = (await listGroups(admin, options)).find((g) => g.id === group.id);
    expect(listed).toMatchObject({ slug: group.slug, name: "Compliance", versionCount: 0 });
    expect(listed!.members.map((m) => m.name)).toEqual(["Amy Reviewer", "Zed Reviewer"]);

    const eligible = await listEligibleMembers(admin, options);
    expect(eligible.map((u) => u.id)).toEqual(expect.arrayContaining([zed.id, amy.id, admin.id]));
    const engineer = await createTestUser(prisma, "ENGINEER");
    expect(eligible.map((u) => u.id)).not.toContain(engineer.id);
    const manager = await createTestUser(prisma, "MANAGER");
    expect((await refusal(listGroups(manager, options))).status).toBe(403);
  });
});

describe("deleteGroup", () => {
  it("deletes an unused group with its memberships, audited with who was a member", async () => {
    const { admin, group } = await setUp();
    const reviewer = await createTestUser(prisma, "REVIEWER");
    await addGroupMember(admin, { groupId: group.id, userId: reviewer.id }, options);
    await deleteGroup(admin, { groupId: group.id }, options);
    expect(await prisma.reviewerGroup.findUnique({ where: { id: group.id } })).toBeNull();
    expect(await prisma.reviewerGroupMember.count({ where: { groupId: group.id } })).toBe(0);
    expect((await auditOf(group.id)).at(-1)).toMatchObject({
      action: "group.delete",
      before: { slug: group.slug, members: [reviewer.id] },
    });
    expect((await refusal(deleteGroup(admin, { groupId: group.id }, options))).status).toBe(404);
  });
});
