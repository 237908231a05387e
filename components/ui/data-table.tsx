import type { ReactNode } from "react";
import { cardStyles } from "@/components/ui/styles";

/** A list as a table: a caption for screen readers, one header row, the rows as children. */
export function DataTable({
  caption,
  columns,
  dense = false,
  children,
}: {
  caption: string;
  columns: readonly string[];
  dense?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={`${cardStyles} w-full overflow-hidden text-left text-sm`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={`${dense ? "px-3" : "px-4"} py-2 font-medium`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}
