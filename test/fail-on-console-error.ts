// A console.error during a test fails that test: errors must be asserted, never ignored.
import { afterEach, expect } from "vitest";

const errors: unknown[][] = [];
console.error = (...args: unknown[]) => {
  errors.push(args);
};

afterEach(() => {
  const seen = errors.splice(0);
  expect(seen, "console.error was called during the test").toEqual([]);
});
