// The one error type for expected failures. Its code maps to an HTTP status; its message
// is written for a person and safe to show.
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field path ("items.0.title", or "input" for the whole input) → the first message for it.
 * The one shape of field errors: domain functions throw it, forms show it beside the field,
 * the API names its first key as `field`. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, safe-to-show detail (the current state on a conflict, …); sent as is. */
    readonly details?: Record<string, unknown>,
    /** Which fields are wrong, when the failure is about the input. */
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The first field that is wrong, as the API's `field`. */
  get field(): string | undefined {
    const first = this.fieldErrors && Object.keys(this.fieldErrors)[0];
    return first && first !== "input" ? first : undefined;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A 400 about one field whose message is already a sentence a person reads as it is
 * ("The owner must be …"): the message stays whole, the field is still named. */
export function invalidField(field: string, message: string): AppError {
  return new AppError("BAD_REQUEST", message, undefined, { [field]: message });
}

/** A 400 naming what is wrong with the input: the message reads "field: message" for the
 * first field ("message" alone when the whole input is wrong). */
export function invalidInput(fieldErrors: FieldErrors): AppError {
  const [path, message] = Object.entries(fieldErrors)[0] ?? ["input", "The input is invalid."];
  return new AppError("BAD_REQUEST", path === "input" ? message : `${path}: ${message}`, undefined, fieldErrors);
}
