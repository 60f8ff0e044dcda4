// The pull request's preview comment, one per pull request, rewritten on every run whatever its
// outcome, so that it is never left stale: the live preview's summary, the deletion guard's verdict,
// each change, and the detailed diff of changed alert rules; or why the live preview did not run.
// Everything from the files or from Sentry goes through src/i18n/escape.ts.
import { createTwoFilesPatch } from "diff";
import { markdownBlock, markdownCode } from "../i18n/escape";
import { TYPES } from "../pulumi/names";
import { guardPreview, nameOfUrn, typeOfUrn, type PreviewDocument, type PreviewStep } from "./guard";

/** Finds the comment to rewrite among the pull request's comments. */
export const PREVIEW_COMMENT_MARK = "<!-- sentry-incubateur:preview -->";
/** GitHub refuses comments over 65,536 characters; the details are cut first. */
const MAX_LENGTH = 60_000;

export type PreviewOutcome =
  | { kind: "no-team-files" }
  | { kind: "invalid-files" }
  | { kind: "failed"; log: string }
  | { kind: "done"; document: PreviewDocument; allowDeletions: boolean; membersBefore: number };

export interface CommentContext {
  outcome: PreviewOutcome;
  /** Files changed outside teams/: not previewed live (the preview runs the base branch's code). */
  otherFiles: number;
  runUrl: string;
}

const OP_LABEL: Record<string, string> = {
  create: "création / create",
  update: "modification / update",
  delete: "suppression / delete",
  replace: "remplacement / replace",
  import: "adoption / import",
  same: "inchangé / same",
};
const label = (op: string) => OP_LABEL[op] ?? op;
const shortType = (type: string) => type.split(":").pop() ?? type;

function ruleDiff(step: PreviewStep): string {
  const inputs = (state?: { inputs?: unknown }) =>
    state?.inputs === undefined
      ? ""
      : `${JSON.stringify(state.inputs, Object.keys(state.inputs as object).sort(), 2)}\n`;
  const patch = createTwoFilesPatch(
    "before",
    "after",
    inputs(step.oldState as never),
    inputs(step.newState as never),
    "",
    "",
    {
      context: 3,
    },
  );
  const lines = patch.split("\n");
  return lines
    .slice(lines.findIndex((line) => line.startsWith("@@")))
    .join("\n")
    .trim();
}

/** How much of a large preview fits: every change with rule diffs, or fewer rows and no diff. */
interface Room {
  rows: number;
  ruleDiffs: boolean;
}

function donePreview(document: PreviewDocument, allowDeletions: boolean, membersBefore: number, room: Room): string[] {
  const changes = document.steps.filter((s) => s.op !== "same" && typeOfUrn(s.urn) !== "pulumi:pulumi:Stack");
  const counts = new Map<string, number>();
  for (const step of document.steps) {
    if (typeOfUrn(step.urn) !== "pulumi:pulumi:Stack") counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  }
  const { offenders } = guardPreview(document, { membersBefore });
  const lines = [
    changes.length === 0
      ? "✅ **Aucun changement** dans Sentry ni GitHub. / No change."
      : `**${changes.length} changement(s)** / change(s): ${[...counts]
          .filter(([op]) => op !== "same")
          .map(([op, n]) => `${n} × ${label(op)}`)
          .join(", ")}${counts.get("same") ? ` (${counts.get("same")} inchangé(s) / unchanged)` : ""}.`,
    "",
  ];
  if (offenders.length > 0) {
    lines.push(
      allowDeletions
        ? "⚠️ **Garde-fou de suppression / Deletion guard**: autorisé par le label `allow-deletions` (relu) / allowed by the reviewed `allow-deletions` label:"
        : "⛔ **Garde-fou de suppression / Deletion guard**: cette modification **a besoin du label `allow-deletions`** avant la fusion, après relecture par ops / this change **needs the `allow-deletions` label** before merge, after review by ops:",
      ...offenders.map((o) => `- ${markdownCode(o)}`),
      "",
    );
  } else {
    lines.push("Garde-fou de suppression / Deletion guard: rien à refuser / nothing to refuse.", "");
  }
  if (changes.length > 0) {
    lines.push("| Opération | Type | Ressource |", "|---|---|---|");
    for (const step of changes.slice(0, room.rows)) {
      lines.push(
        `| ${label(step.op)} | ${markdownCode(shortType(typeOfUrn(step.urn)), { inTable: true })} | ${markdownCode(nameOfUrn(step.urn), { inTable: true })} |`,
      );
    }
    if (changes.length > room.rows)
      lines.push(`| … | | ${changes.length - room.rows} de plus / more: voir le journal / see the log |`);
    lines.push("");
  }
  const rules = room.ruleDiffs ? changes.filter((s) => typeOfUrn(s.urn) === TYPES.issueAlert) : [];
  for (const step of rules) {
    lines.push(
      `<details><summary>Règle d'alerte / Alert rule ${markdownCode(nameOfUrn(step.urn))}: ${label(step.op)}</summary>`,
      "",
      markdownBlock(ruleDiff(step), "diff"),
      "",
      "</details>",
      "",
    );
  }
  return lines;
}

export function previewComment(context: CommentContext): string {
  for (const room of [
    { rows: Infinity, ruleDiffs: true },
    { rows: Infinity, ruleDiffs: false },
    { rows: 200, ruleDiffs: false },
  ]) {
    const text = render(context, room);
    if (text.length <= MAX_LENGTH) return text;
  }
  return render(
    { ...context, outcome: { kind: "failed", log: "(aperçu trop long / preview too long)" } },
    { rows: 0, ruleDiffs: false },
  );
}

function render(context: CommentContext, room: Room): string {
  const { outcome } = context;
  const head = [PREVIEW_COMMENT_MARK, "## Aperçu Sentry / Sentry preview", ""];
  let body: string[];
  switch (outcome.kind) {
    case "no-team-files":
      body = [
        "⏭️ **Aperçu en direct sauté** : aucun fichier `teams/*.yaml` ne change. / **Live preview skipped**: no team file changed.",
      ];
      break;
    case "invalid-files":
      body = [
        '❌ **Aperçu en direct non lancé** : des fichiers d\'équipe ont des erreurs, voir la vérification « Pull request checks ». / **Live preview not run**: team files have errors, see the "Pull request checks".',
      ];
      break;
    case "failed":
      body = [
        "❌ **L'aperçu en direct a échoué** / **The live preview failed**. Fin du journal / end of the log:",
        "",
        markdownBlock(outcome.log.slice(-6_000)),
      ];
      break;
    case "done":
      body = donePreview(outcome.document, outcome.allowDeletions, outcome.membersBefore, room);
      break;
  }
  const notes = [
    ...(context.otherFiles > 0
      ? [
          "",
          `ℹ️ ${context.otherFiles} autre(s) fichier(s) hors de \`teams/\` : l'aperçu exécute le code de la branche de base ; le code modifié n'est vérifié que hors ligne ici, puis en direct après la fusion. / ${context.otherFiles} other file(s) outside \`teams/\`: the preview runs the base branch's code; changed code is checked offline here and live only after merge.`,
        ]
      : []),
    "",
    `[Journal complet / full log](${encodeURI(context.runUrl)})`,
  ];
  return [...head, ...body, ...notes].join("\n");
}
