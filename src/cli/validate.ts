// npm run validate [-- FILE...] [--dir teams] [--stack prod] [--format text|github|json|markdown]
//                  [--summary FILE] [--lang fr|en]
import { appendFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { chooseLanguage, type Language } from "../i18n/language";
import { DIAGNOSTIC_FORMATS, formatDiagnostics, formatMarkdown } from "../team-file/diagnostics";
import { readTeamDirectory, TeamFolderError } from "../team-file/load";
import { validateTeamFiles, type ValidationResult } from "../team-file/validate";
import { readAdoption } from "../adoption/adoption";
import type { StackPolicy } from "../stack/policy";
import type { Diagnostic } from "../team-file/diagnostics";
import { command, UsageError } from "./run";
import { inTeamFolder, STACK_OPTION, stackOption } from "./team-options";

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

command({
  script: "validate",
  localized: true,
  summary: {
    fr: "Vérifie les fichiers d'équipe : tout le dossier (--dir, par défaut teams), ou seulement les FICHIERs\ndonnés (les vérifications entre fichiers se font alors avec les autres fichiers de leur dossier).",
    en: "Checks the team files: the whole folder (--dir, default teams), or only the FILEs given (checks\nacross files then use the other files of their folder).",
  },
  positionals: {
    name: { fr: "FICHIER...", en: "FILE..." },
    help: { fr: "fichiers d'équipe à vérifier", en: "team files to check" },
  },
  options: {
    dir: {
      type: "string",
      value: { fr: "DOSSIER", en: "DIR" },
      help: { fr: "dossier des fichiers d'équipe (par défaut teams)", en: "folder of team files (default teams)" },
    },
    stack: STACK_OPTION,
    format: {
      type: "string",
      default: "text",
      choices: DIAGNOSTIC_FORMATS,
      help: {
        fr: "text (par défaut), github (annotations), json, markdown (tableau)",
        en: "text (default), github (annotations), json, markdown (table)",
      },
    },
    summary: {
      type: "string",
      value: { fr: "FICHIER", en: "FILE" },
      help: {
        fr: "ajoute aussi le tableau Markdown de toutes les erreurs à FICHIER ($GITHUB_STEP_SUMMARY)",
        en: "also appends the Markdown table of every error to FILE ($GITHUB_STEP_SUMMARY)",
      },
    },
  },
  exit: { ok: { fr: "fichiers valides", en: "valid files" }, findings: { fr: "erreurs trouvées", en: "errors found" } },
  run({ values, positionals, lang: option }) {
    if (values.dir !== undefined && positionals.length > 0) {
      throw new UsageError({
        fr: "donnez soit --dir, soit des fichiers d'équipe, pas les deux",
        en: "give either --dir or team files, not both",
      });
    }
    const policy = stackOption(values.stack, process.cwd());
    const lang = chooseLanguage(option, policy.language);
    return inTeamFolder(values.dir ?? "teams", () => {
      const { inputs, shown, where } = readInputs(values.dir, positionals);
      const validation = validateTeamFiles(inputs, policy);
      const diagnostics = [
        ...[...validation.diagnostics, ...validation.warnings].filter((d) => shown.has(d.file)),
        ...adoptionDiagnostics(values.dir, positionals, validation, policy),
      ];
      const errors = diagnostics.filter((d) => d.severity === "error");
      if (values.summary) appendFileSync(values.summary, formatMarkdown(diagnostics, lang));
      const report = formatDiagnostics(diagnostics, values.format, shown.size, lang);
      const summary = SUMMARY[lang](errors.length, new Set(errors.map((d) => d.file)).size, shown.size, where);
      return {
        output:
          values.format === "json" || values.format === "markdown"
            ? report
            : [report, summary].filter(Boolean).join("\n"),
        exitCode: errors.length === 0 ? 0 : 1,
      };
    });
  },
});

/** The files to validate and those to report on: a folder, or given files checked with the rest of their folder. */
function readInputs(dir: string | undefined, files: readonly string[]) {
  if (files.length === 0) {
    const folder = dir ?? "teams";
    const inputs = readTeamDirectory(folder);
    return { inputs, shown: new Set(inputs.map((i) => i.file)), where: folder };
  }
  const noTeamFile = (file: string) =>
    new UsageError({
      fr: `pas de fichier d'équipe ${file} : donnez le chemin d'un fichier .yaml d'un dossier d'équipes`,
      en: `no team file ${file}: give the path of a .yaml file of a team folder`,
    });
  // Each folder read once, with the first file given in it named if it cannot be read.
  const folders = new Map(files.map((file) => [dirname(resolve(file)), file] as const).reverse());
  const inputs = [...folders].flatMap(([folder, file]) => {
    try {
      return readTeamDirectory(folder);
    } catch (error) {
      if (error instanceof TeamFolderError) throw noTeamFile(file);
      throw error;
    }
  });
  const wanted = new Set(files.map((file) => resolve(file)));
  const shown = new Set(inputs.filter((input) => wanted.has(resolve(input.file))).map((input) => input.file));
  for (const file of files) {
    if (!inputs.some((input) => resolve(input.file) === resolve(file))) throw noTeamFile(file);
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
