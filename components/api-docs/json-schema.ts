// Reading the generated JSON Schemas for the reference page: follow $refs, name types,
// flatten nested objects into dotted field rows.
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
};

export type Components = Record<string, JsonSchema>;
export type FieldRow = {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  example?: unknown;
  constraints: string[];
};

export function refName(ref: string): string {
  return ref.replace("#/components/schemas/", "");
}

export function resolve(schema: JsonSchema, components: Components): JsonSchema {
  return schema.$ref ? { ...components[refName(schema.$ref)], ...withoutRef(schema) } : schema;
}

function withoutRef({ $ref: _ref, ...rest }: JsonSchema): JsonSchema {
  return rest;
}

export function typeName(schema: JsonSchema, components: Components): string {
  if (schema.$ref) return refName(schema.$ref);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeName(v, components)).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${schema.items ? typeName(schema.items, components) : "unknown"}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  const type = schema.type ?? "any";
  return schema.format ? `${type} (${schema.format})` : type;
}

function constraintsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER) out.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) out.push(`≤ ${schema.maxLength} chars`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** The fields of an object schema; nested objects (not named components) become dotted rows. */
export function fieldsOf(schema: JsonSchema, components: Components, prefix = "", depth = 0): FieldRow[] {
  const resolved = resolve(schema, components);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const row: FieldRow = {
      name,
      type: typeName(property, components),
      required: required.has(key),
      description: property.description,
      example: property.example,
      constraints: constraintsOf(property),
    };
    const nested =
      !property.$ref && property.type === "object" && property.properties && depth < 3
        ? fieldsOf(property, components, `${name}.`, depth + 1)
        : [];
    return [row, ...nested];
  });
}
