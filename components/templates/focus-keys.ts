// What a focus request names: an item, section or the template (see focus.tsx).
export type FocusTarget =
  | "text"
  | "up"
  | "down"
  | "indent"
  | "outdent"
  | "title"
  | "interval"
  | "approvals"
  | "section-up"
  | "section-down"
  | "add-item"
  | "add-section";

export type FocusRequest = { key: string; target: FocusTarget };

/** The key used for template-level controls (title, interval, approvals, "Add section"). */
export const TEMPLATE_FOCUS_KEY = "template";
