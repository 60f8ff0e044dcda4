// npm run validate [-- FILE...] [--dir teams] [--stack prod] [--format text|github|json|markdown]
//                  [--summary FILE] [--lang fr|en]
import { appendFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chooseLanguage, DEFAULT_LANGUAGE, isLanguage, type Language } from "../i18n/language";
import { StackPolicyError } from "../stack/policy";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { DIAGNOSTIC_FORMATS, formatDiagnostics, formatMarkdown, type DiagnosticFormat } from "../team-file/diagnostics";
import { readTeamDirectory, TeamFolderError } from "../team-file/load";
import { validateTeamFiles, type ValidationResult } from "../team-file/validate";
import { readAdoption } from "../adoption/adoption";
import type { StackPolicy } from "../stack/policy";
import type { Diagnostic } from "../team-file/diagnostics";
import { runCli, UsageError } from "./run";

const USAGE: Record<Language, string> = {
  fr: `usage : npm run validate -- [FICHIER...] [--dir teams] [--stack ${DEFAULT_STACK}] [--format ${DIAGNOSTIC_FORMATS.join("|")}] [--summary FICHIER] [--lang fr|en]

Vérifie les fichiers d'équipe : tout le dossier (--dir, par défaut teams), ou seulement les FICHIERs
donnés (les vérifications entre fichiers se font alors avec les autres fichiers de leur dossier).
  --stack NOM      politique de Pulumi.NOM.yaml (par défaut ${DEFAULT_STACK})
  --format         text (par défaut), github (annotations), json, markdown (tableau)
  --summary FIC    ajoute aussi le tableau Markdown de toutes les erreurs à FIC ($GITHUB_STEP_SUMMARY)
  --lang fr|en     langue des messages (par défaut celle de la stack, sinon fr)
Codes de sortie : 0 fichiers valides, 1 erreurs trouvées, 2 erreur d'utilisation ou d'environnement
(option inconnue, stack ou dossier introuvable).`,
  en: `usage: npm run validate -- [FILE...] [--dir teams] [--stack ${DEFAULT_STACK}] [--format ${DIAGNOSTIC_FORMATS.join("|")}] [--summary FILE] [--lang fr|en]

Checks the team files: the whole folder (--dir, default teams), or only the FILEs given (checks
across files then use the other files of their folder).
  --stack NAME     policy of Pulumi.NAME.yaml (default ${DEFAULT_STACK})
  --format         text (default), github (annotations), json, markdown (table)
  --summary FILE   also appends the Markdown table of every error to FILE ($GITHUB_STEP_SUMMARY)
  --lang fr|en     language of the messages (default: the stack's, else fr)
Exit codes: 0 valid files, 1 errors found, 2 usage or environment error (unknown option, missing
stack or folder).`,
};

const SUMMARY: Record<Language, (errors: number, broken: number, files: number, where: string) => string> = {
  fr: (errors, broken, files, where) =>
    errors === 0
      ? `${files} fichier(s) d'équipe valide(s) dans ${where}.`
      : `${errors} erreur(s) dans ${broken} des ${files} fichier(s) d'équipe.`,
  en: (errors, broken, files, where) =>
    errors === 0
      ? `${files} team file(s) in ${where} are valid.`
      : `${errors} error(s) in ${broken} of ${files} team file(s).`,
};

const argv = process.argv.slice(2);
const requested = argv[argv.indexOf("--lang") + 1];
const usageLanguage = argv.includes("--lang") && isLanguage(requested) ? requested : DEFAULT_LANGUAGE;

runCli(USAGE[usageLanguage], () => {
  const { values, positionals } = parseArgs({
    options: {
      dir: { type: "string" },
      stack: { type: "string", default: DEFAULT_STACK },
      format: { type: "string", default: "text" },
      summary: { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return { output: USAGE[usageLanguage], exitCode: 0 };
  const format = values.format as DiagnosticFormat;
  if (!DIAGNOSTIC_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"`);
  if (values.dir !== undefined && positionals.length > 0) {
    throw new UsageError("give either --dir or team files, not both");
  }

  if (!existsSync(join(process.cwd(), `Pulumi.${values.stack}.yaml`))) {
    throw new UsageError(`no stack file Pulumi.${values.stack}.yaml: pass an existing stack with --stack NAME`);
  }
  try {
    const policy = loadStackPolicy(values.stack, process.cwd());
    const lang = chooseLanguage(values.lang, policy.language);
    const { inputs, shown, where } = readInputs(values.dir, positionals);
    const validation = validateTeamFiles(inputs, policy);
    const diagnostics = [
      ...[...validation.diagnostics, ...validation.warnings].filter((d) => shown.has(d.file)),
      ...adoptionDiagnostics(values.dir, positionals, validation, policy),
    ];
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (values.summary) appendFileSync(values.summary, formatMarkdown(diagnostics, lang));
    const report = formatDiagnostics(diagnostics, format, shown.size, lang);
    const summary = SUMMARY[lang](errors.length, new Set(errors.map((d) => d.file)).size, shown.size, where);
    return {
      output: format === "json" || format === "markdown" ? report : [report, summary].filter(Boolean).join("\n"),
      exitCode: errors.length === 0 ? 0 : 1,
    };
  } catch (error) {
    // A missing stack, folder or file is an environment error (exit 2), not a finding.
    if (error instanceof TeamFolderError || error instanceof StackPolicyError || error instanceof RangeError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
});

/** The files to validate and those to report on: a folder, or given files checked with the rest of their folder. */
function readInputs(dir: string | undefined, files: readonly string[]) {
  if (files.length === 0) {
    const folder = dir ?? "teams";
    const inputs = readTeamDirectory(folder);
    return { inputs, shown: new Set(inputs.map((i) => i.file)), where: folder };
  }
  const folders = [...new Set(files.map((file) => dirname(resolve(file))))];
  const inputs = folders.flatMap((folder) => readTeamDirectory(folder));
  const wanted = new Set(files.map((file) => resolve(file)));
  const shown = new Set(inputs.filter((input) => wanted.has(resolve(input.file))).map((input) => input.file));
  for (const file of files) {
    if (!inputs.some((input) => resolve(input.file) === resolve(file))) {
      throw new UsageError(`no team file ${file}: give the path of a .yaml file of a team folder`);
    }
  }
  return { inputs, shown, where: files.join(", ") };
}

/**
 * A whole folder's adoption file (written by `npm run import`, read by the plan and the program) is
 * checked as they check it: against what the team files declare, so once those are valid.
 */
function adoptionDiagnostics(
  dir: string | undefined,
  files: readonly string[],
  validation: ValidationResult,
  policy: StackPolicy,
): Diagnostic[] {
  if (files.length > 0 || validation.diagnostics.some((d) => d.severity === "error")) return [];
  return readAdoption(dir ?? "teams", validation.teams, policy).diagnostics;
}
