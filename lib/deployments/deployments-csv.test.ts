import { describe, expect, it } from "vitest";
import { computeReadiness, computeVerification } from "@/lib/checklists/readiness";
import { deploymentsCsv } from "@/lib/deployments/deployments-csv";
import type { DeploymentRow } from "@/lib/deployments/list-deployments";

const row: DeploymentRow = {
  id: "d1",
  service: '=HYPERLINK("http://evil")',
  environment: "prod, eu",
  version: "2.0.0",
  status: "IN_PROGRESS",
  targetDate: new Date("2026-12-01T00:00:00Z"),
  updatedAt: new Date(),
  owner: { id: "u", name: 'Ann "Ops" Lee' },
  template: { name: "Release", version: 3 },
  readiness: computeReadiness({
    CRITICAL: { total: 4, done: 3, notApplicable: 1 },
    HIGH: { total: 2, done: 1, notApplicable: 0 },
    RECOMMENDED: { total: 1, done: 0, notApplicable: 0, waived: 1 },
  }),
  verification: computeVerification({ total: 5, done: 1, notApplicable: 1 }),
  missedTarget: true,
};

describe("deploymentsCsv", () => {
  // Readiness: (4 critical × 8 + 1 high × 4 + 1 waived recommended × 2) / (4 × 8 + 2 × 4 + 1 × 2) = 38 / 42 = 90 %.
  it("writes a header and one quoted, formula-safe row per deployment", () => {
    const [header, line] = deploymentsCsv([row], "https://preflight.example").trim().split("\n");
    expect(header).toBe(
      "Service,Environment,Version,Status,Verdict,Readiness %,Critical settled,Critical total,High settled,High total,Recommended settled,Recommended total,Waived,Verification settled,Verification total,Owner,Target date,Target missed,Template,Template version,Link",
    );
    expect(line).toBe(
      `"'=HYPERLINK(""http://evil"")","prod, eu",2.0.0,In progress,Go with risks,90,4,4,1,2,1,1,1,2,5,"Ann ""Ops"" Lee",2026-12-01,yes,Release,3,https://preflight.example/deployments/d1`,
    );
  });

  it("L6: defuses a service named ;=1+1", () => {
    const [, line] = deploymentsCsv([{ ...row, service: ";=1+1" }], "https://preflight.example")
      .trim()
      .split("\n");
    expect(line).toMatch(/^';=1\+1,/);
  });
});
