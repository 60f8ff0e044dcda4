// Peak resident memory (getrusage's maxrss, MB) of this process after one plan of the 662 realistic
// team files (`plan`), or after the same declarations made without the program (`flat FILE`, the
// recorded resources as JSON), for bench/plan.bench.ts.
import { readFileSync } from "node:fs";
import type { RecordedResource } from "../src/plan/mock-engine";
import { planTeams } from "../src/plan/plan";
import { ROOT } from "../test/helpers/team-files";
import { declareFlat, realisticTeamDir } from "./plan.bench";

async function main([what, file]: string[]): Promise<void> {
  if (what === "flat") {
    await declareFlat(JSON.parse(readFileSync(file, "utf8")) as RecordedResource[]);
  } else {
    const result = await planTeams({ dir: realisticTeamDir(), stack: "prod", projectDir: ROOT });
    if (!result.ok) throw new Error("benchmark input must be valid");
  }
  process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
}

void main(process.argv.slice(2));
