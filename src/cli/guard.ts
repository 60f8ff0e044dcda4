// npm run guard -- --preview FILE [--allow-deletions] [--max-member-removal 0.25] [--members-before N]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_MAX_MEMBER_REMOVAL, guardPreview, parsePreview } from "../delivery/guard";
import { runCli, UsageError } from "./run";

const USAGE =
  "usage: npm run guard -- --preview FILE [--allow-deletions] [--max-member-removal 0.25] [--members-before N]";

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      preview: { type: "string" },
      "allow-deletions": { type: "boolean", default: false },
      "max-member-removal": { type: "string", default: String(DEFAULT_MAX_MEMBER_REMOVAL) },
      "members-before": { type: "string", default: "0" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values.preview)
    throw new UsageError("--preview FILE is required (the output of `pulumi preview --json --show-sames`)");
  const cap = Number(values["max-member-removal"]);
  if (!(cap >= 0 && cap <= 1)) throw new UsageError("--max-member-removal takes a fraction between 0 and 1");
  const membersBefore = Number(values["members-before"]);
  if (!Number.isInteger(membersBefore) || membersBefore < 0)
    throw new UsageError("--members-before takes a whole number of members");

  let text: string;
  try {
    text = readFileSync(values.preview, "utf8");
  } catch {
    throw new Error(`cannot read ${values.preview}`);
  }
  const { offenders } = guardPreview(parsePreview(text), { maxMemberRemoval: cap, membersBefore });
  if (offenders.length === 0) return { output: "deletion guard: nothing to refuse.", exitCode: 0 };
  const list = offenders.map((o) => `  - ${o}`).join("\n");
  if (values["allow-deletions"]) {
    return { output: `deletion guard: allowed by --allow-deletions (reviewed):\n${list}`, exitCode: 0 };
  }
  return {
    output: `deletion guard: refusing to deploy. This change:\n${list}\nIf it is intended, have it reviewed and add the \`allow-deletions\` label to the pull request (the deploy job then passes --allow-deletions), or run the Deploy workflow by hand with "allow deletions" after review.`,
    exitCode: 1,
  };
});
