// A typed view of a submitted form: FormData's values are strings or files, and a form
// without file inputs wants its text.
export type FormFields = {
  /** A field's text; "" when the field is absent. */
  text: (name: string) => string;
  /** Every value of a repeated field (a group of checkboxes). */
  all: (name: string) => string[];
  /** Whether a checkbox is ticked. */
  checked: (name: string) => boolean;
  /** Every text field by name, for a schema that takes the form as it is. */
  entries: () => Record<string, string>;
};

export function formFields(source: HTMLFormElement | FormData): FormFields {
  const data = source instanceof FormData ? source : new FormData(source);
  const asText = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");
  return {
    text: (name) => asText(data.get(name)),
    all: (name) => data.getAll(name).map(asText),
    checked: (name) => data.has(name),
    entries: () =>
      Object.fromEntries(
        [...data.entries()].flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : [])),
      ),
  };
}
