// npm run bench: every benchmark of the project; exits 1 when a target is missed.
import { benchChecklist } from "./checklist.bench";
import { benchCost } from "./cost.bench";
import { benchImport } from "./import.bench";
import { benchPlan } from "./plan.bench";
import { benchStateSize } from "./state-size.bench";
import { benchValidate } from "./validate.bench";

async function main(): Promise<void> {
  console.log(`# Benchmarks (node ${process.version}, ${new Date().toISOString()})`);
  const results = [
    await benchValidate(),
    await benchPlan(),
    await benchImport(),
    await benchCost(),
    await benchStateSize(),
    await benchChecklist(),
  ];
  process.exitCode = results.every(Boolean) ? 0 : 1;
}

void main();
