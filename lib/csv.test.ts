import { describe, expect, it } from "vitest";
import { defuseCsvCell, toCsv } from "@/lib/csv";

describe("defuseCsvCell", () => {
  it("L6: prefixes a cell starting with ; | or a fullwidth ＝ ＋ － ＠", () => {
    for (const cell of [";=1+1", "|cmd", "＝1+1", "＋1", "－1", "＠SUM(A1)"]) {
      expect(defuseCsvCell(cell), cell).toBe(`'${cell}`);
    }
  });

  it("L6: prefixes a dangerous character behind leading whitespace", () => {
    for (const cell of [" =1+1", "  +1", "\n-1", "\u00a0@SUM(A1)", "\u3000＝1", " ;x", " |x"]) {
      expect(defuseCsvCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it("prefixes the classic formula starts and leaves the rest alone", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(defuseCsvCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
    for (const cell of ["payments", "2.0.0", "a=b", " plain", "", "prod; eu"]) {
      expect(defuseCsvCell(cell), JSON.stringify(cell)).toBe(cell);
    }
    expect(defuseCsvCell(-3)).toBe(-3);
  });

  it("L6: writes a defused, quoted CSV", () => {
    expect(
      toCsv([
        ["Service", "Count"],
        [";=1+1", 2],
        ['=HYPERLINK("x")', -1],
      ]),
    ).toBe(`Service,Count\n';=1+1,2\n"'=HYPERLINK(""x"")",-1\n`);
  });
});
