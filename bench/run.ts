// npm run bench: every benchmark of the project; exits 1 when a target is missed.
import { command } from "../src/cli/run";
import { benchChecklist } from "./checklist.bench";
import { benchCost } from "./cost.bench";
import { benchImport } from "./import.bench";
import { benchPlan } from "./plan.bench";
import { benchStateSize } from "./state-size.bench";
import { benchValidate } from "./validate.bench";

const BENCHMARKS: [string, () => Promise<boolean>][] = [
  ["validate", benchValidate],
  ["plan", benchPlan],
  ["import", benchImport],
  ["cost model", benchCost],
  ["state size", benchStateSize],
  ["checklist", benchChecklist],
];

command({
  script: "bench",
  summary:
    "Runs every benchmark (validation, plan, import, cost model of the real instance, state size, checklist)\nand prints medians and ratios to baselines measured in the same run, as Markdown. Takes several minutes.",
  options: {},
  exit: { ok: "every target met", findings: "a target missed" },
  async run({ progress }) {
    // Each benchmark prints its report when it ends: the status line is cleared first.
    const print = console.log;
    console.log = (...args: unknown[]) => {
      progress.done();
      print(...args);
    };
    console.log(`# Benchmarks (node ${process.version}, ${new Date().toISOString()})`);
    const results: boolean[] = [];
    for (const [index, [name, bench]] of BENCHMARKS.entries()) {
      progress.update(`bench ${index + 1}/${BENCHMARKS.length}: ${name}`);
      results.push(await bench());
    }
    return { output: "", exitCode: results.every(Boolean) ? 0 : 1 };
  },
});
