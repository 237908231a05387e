import { FieldTable } from "@/components/api-docs/field-table";
import { fieldsOf, refName, type Components, type FieldRow, type JsonSchema } from "@/components/api-docs/json-schema";
import { cardStyles } from "@/components/ui/styles";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";

type Media = { content?: { "application/json"?: { schema?: JsonSchema } } };
export type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: Media;
  responses?: Record<string, Media & { description?: string }>;
};

const methodStyles: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};

export function OperationCard({
  method,
  path,
  operation,
  components,
}: {
  method: string;
  path: string;
  operation: Operation;
  components: Components;
}) {
  const parameters: FieldRow[] = (operation.parameters ?? []).map((p) => ({
    name: `${p.name} (${p.in})`,
    type: p.schema ? fieldsOf({ properties: { x: p.schema } }, components)[0]!.type : "string",
    required: p.required ?? false,
    description: p.description,
    example: p.schema?.example,
    constraints: fieldsOf({ properties: { x: p.schema ?? {} } }, components)[0]!.constraints,
  }));
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const headingId = `op-${operation.operationId ?? `${method}-${path}`}`;
  return (
    <section aria-labelledby={headingId} className={`${cardStyles} space-y-3 p-4`}>
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
        <span className={`rounded px-2 py-0.5 font-mono text-xs ${methodStyles[method] ?? ""}`}>
          {method.toUpperCase()}
        </span>
        <code className="font-mono text-sm">{path}</code>
        <span className="font-normal text-slate-600 dark:text-slate-400">— {operation.summary}</span>
      </h3>
      {operation.description ? (
        <p className="text-sm">
          <InlineMarkdown text={operation.description} />
        </p>
      ) : null}
      <FieldTable caption="Parameters" rows={parameters} />
      {body ? (
        <FieldTable
          caption={`Request body${body.$ref ? ` (${refName(body.$ref)})` : ""}`}
          rows={fieldsOf(body, components)}
        />
      ) : null}
      {body && (body.example ?? (body.$ref && components[refName(body.$ref)]?.example)) ? (
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
          {JSON.stringify(body.example ?? components[refName(body.$ref!)]!.example, null, 2)}
        </pre>
      ) : null}
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Responses</h4>
        <ul className="mt-1 space-y-1 text-sm">
          {Object.entries(operation.responses ?? {}).map(([status, response]) => {
            const schema = response.content?.["application/json"]?.schema;
            return (
              <li key={status}>
                <span
                  className={`font-mono font-semibold ${status.startsWith("2") ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
                >
                  {status}
                </span>{" "}
                {response.description ? <InlineMarkdown text={response.description} /> : null}
                {schema?.$ref ? (
                  <>
                    {" "}
                    →{" "}
                    <a
                      href={`#schema-${refName(schema.$ref)}`}
                      className="font-mono text-brand-700 underline dark:text-brand-300"
                    >
                      {refName(schema.$ref)}
                    </a>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
