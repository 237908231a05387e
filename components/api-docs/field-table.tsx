import type { FieldRow } from "@/components/api-docs/json-schema";

export function FieldTable({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="py-1 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          {caption}
        </caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Field
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Required
            </th>
            <th scope="col" className="px-3 py-1.5 font-medium">
              Notes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.name}>
              <td className="px-3 py-1.5 font-mono text-xs">{row.name}</td>
              <td className="px-3 py-1.5 font-mono text-xs break-all">{row.type}</td>
              <td className="px-3 py-1.5">{row.required ? "yes" : "no"}</td>
              <td className="px-3 py-1.5 text-slate-700 dark:text-slate-300">
                {[row.description, ...row.constraints].filter(Boolean).join(" · ")}
                {row.example !== undefined ? (
                  <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">
                    e.g. {JSON.stringify(row.example)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
