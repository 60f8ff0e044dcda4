// npm run guard -- --preview FILE [--allow-deletions] [--max-member-removal 0.25] [--members-before N]
import { readFileSync } from "node:fs";
import { DEFAULT_MAX_MEMBER_REMOVAL, guardPreview, parsePreview, PreviewFormatError } from "../delivery/guard";
import { command, UsageError } from "./run";

command({
  script: "guard",
  summary:
    "The deletion guard: refuses a plan that would delete, replace or stop managing a Sentry project or team,\nor remove more than a share of the organization's members at once. A file that is not a whole,\nsuccessful preview is refused whatever --allow-deletions says.",
  options: {
    preview: {
      type: "string",
      required: true,
      value: "FILE",
      help: "the output of `pulumi preview --json --show-sames`",
    },
    "allow-deletions": { type: "boolean", help: "let the listed deletions through (after review)" },
    "max-member-removal": {
      type: "string",
      default: String(DEFAULT_MAX_MEMBER_REMOVAL),
      value: "FRACTION",
      help: "largest share of members removed at once",
    },
    "members-before": {
      type: "string",
      default: "0",
      value: "N",
      help: "members declared at the merge base (for a targeted preview)",
    },
  },
  exit: { ok: "nothing to refuse, or allowed", findings: "refused" },
  run({ values }) {
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
    let document: ReturnType<typeof parsePreview>;
    try {
      document = parsePreview(text);
    } catch (error) {
      // Fail closed: what cannot be judged is refused, whatever --allow-deletions says.
      if (error instanceof PreviewFormatError)
        return { output: `deletion guard: refusing to deploy: ${error.message}`, exitCode: 1 };
      throw error;
    }
    const { offenders } = guardPreview(document, { maxMemberRemoval: cap, membersBefore });
    if (offenders.length === 0) return { output: "deletion guard: nothing to refuse.", exitCode: 0 };
    const list = offenders.map((o) => `  - ${o}`).join("\n");
    if (values["allow-deletions"]) {
      return { output: `deletion guard: allowed by --allow-deletions (reviewed):\n${list}`, exitCode: 0 };
    }
    return {
      output: `deletion guard: refusing to deploy. This change:\n${list}\nIf it is intended, have it reviewed and add the \`allow-deletions\` label to the pull request (the deploy job then passes --allow-deletions), or run the Deploy workflow by hand with "allow deletions" after review.`,
      exitCode: 1,
    };
  },
});
