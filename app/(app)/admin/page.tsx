import type { Metadata } from "next";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requireUser();
  if (user.role !== "ADMIN") return <Forbidden what="administration" />;
  const users = await db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, active: true } });
  return (
    <>
      <PageHeader title="Administration" description="Users and roles." />
      <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm dark:border-slate-800 dark:bg-slate-900">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Email</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {users.map((row) => (
            <tr key={row.id}>
              <td className="px-4 py-2">{row.name}</td>
              <td className="px-4 py-2">{row.email}</td>
              <td className="px-4 py-2">{roleLabels[row.role]}</td>
              <td className="px-4 py-2">{row.active ? "Active" : "Deactivated"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
