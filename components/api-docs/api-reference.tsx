import { FieldTable } from "@/components/api-docs/field-table";
import { fieldsOf, typeName, type Components } from "@/components/api-docs/json-schema";
import { OperationCard, type Operation } from "@/components/api-docs/operation";
import { cardStyles } from "@/components/ui/styles";

type Document = {
  info: { title: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Components };
};

/** The OpenAPI document as a page: every operation, then every named schema. */
export function ApiReference({ document }: { document: Document }) {
  const components = document.components?.schemas ?? {};
  return (
    <div className="space-y-8">
      <section aria-labelledby="operations-heading" className="space-y-4">
        <h2 id="operations-heading" className="text-lg font-semibold">
          Endpoints
        </h2>
        {Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
          Object.entries(item).map(([method, operation]) => (
            <OperationCard
              key={`${method} ${path}`}
              method={method}
              path={path}
              operation={operation}
              components={components}
            />
          )),
        )}
      </section>
      <section aria-labelledby="schemas-heading" className="space-y-4">
        <h2 id="schemas-heading" className="text-lg font-semibold">
          Schemas
        </h2>
        {Object.entries(components).map(([name, schema]) => (
          <section
            key={name}
            id={`schema-${name}`}
            aria-labelledby={`schema-${name}-heading`}
            className={`${cardStyles} space-y-2 p-4`}
          >
            <h3 id={`schema-${name}-heading`} className="font-mono font-semibold">
              {name}
            </h3>
            {schema.description ? <p className="text-sm">{schema.description}</p> : null}
            {schema.properties ? (
              <FieldTable caption="Fields" rows={fieldsOf(schema, components)} />
            ) : (
              <p className="font-mono text-sm">{typeName(schema, components)}</p>
            )}
          </section>
        ))}
      </section>
    </div>
  );
}
