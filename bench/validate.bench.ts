// Validating the 662 realistic team files against parsing them with `yaml` alone.
import { parse } from "yaml";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy } from "../test/helpers/team-files";
import { validateTeamFiles } from "../src/team-file/validate";
import { measure, ms, report } from "./measure";

export async function benchValidate(): Promise<boolean> {
  const files = realisticTeamFiles();
  const inputs = files.map((f) => ({ file: f.file, bytes: Buffer.from(f.text, "utf8") }));
  const runs = 15;
  const bareParse = await measure(() => files.map((f) => parse(f.text)), runs);
  const validation = await measure(() => {
    const result = validateTeamFiles(inputs, prodPolicy);
    if (result.diagnostics.length > 0) throw new Error("benchmark input must be valid");
  }, runs);
  const ratio = validation.medianMs / bareParse.medianMs;
  return report(
    `validate: ${files.length} team files`,
    [
      `bare yaml parse (baseline): ${ms(bareParse)}`,
      `full validation:           ${ms(validation)}`,
      `ratio: ${ratio.toFixed(2)}x`,
    ],
    [
      { label: `validation within 2x the bare parse (${ratio.toFixed(2)}x)`, met: ratio <= 2 },
      { label: `validation under 1 s (${validation.medianMs.toFixed(0)} ms)`, met: validation.medianMs < 1000 },
    ],
  );
}
