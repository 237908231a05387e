// Where a server's CPU time went: self time of a .cpuprofile (from `npm run bench -- --cpu-profile`)
// grouped by package (node_modules), by Node's own modules, or as the app's build output.
//   node --import tsx scripts/bench/profile-summary.ts bench-results/server-<pid>.cpuprofile
import { readFileSync } from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string } };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** "…/node_modules/@prisma/client/runtime/x.js" → "@prisma/client"; node:… and (idle) as they are. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : `(native) ${functionName}`;
  const inModules = url.split("/node_modules/").at(-1)!;
  if (inModules !== url) {
    const parts = inModules.split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith("node:")) return url;
  if (url.includes("/.next/")) return ".next (app build)";
  return url;
}

export function summarize(profile: Profile): { bucket: string; ms: number; share: number }[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byNode.get(id)!.callFrame;
    const bucket = bucketOf(frame.url, frame.functionName);
    totals.set(bucket, (totals.get(bucket) ?? 0) + delta);
    all += delta;
  });
  return [...totals]
    .map(([bucket, micros]) => ({
      bucket,
      ms: Math.round(micros / 1000),
      share: Math.round((micros / all) * 1000) / 10,
    }))
    .sort((a, b) => b.ms - a.ms);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node --import tsx scripts/bench/profile-summary.ts <file.cpuprofile>");
    process.exit(2);
  }
  const rows = summarize(JSON.parse(readFileSync(file, "utf8")) as Profile);
  const busy = rows.filter((row) => row.bucket !== "(idle)");
  const busyMs = busy.reduce((sum, row) => sum + row.ms, 0);
  console.log(`busy ${busyMs} ms (idle ${rows.find((row) => row.bucket === "(idle)")?.ms ?? 0} ms)`);
  for (const row of busy.slice(0, 25))
    console.log(
      `${String(row.ms).padStart(8)} ms ${((row.ms / busyMs) * 100).toFixed(1).padStart(5)} %  ${row.bucket}`,
    );
}
