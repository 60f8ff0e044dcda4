// npm run plan [-- --dir teams] [--stack prod] [--format markdown|json] [--base REV] [--lang fr|en]
import { join } from "node:path";
import { git, modelAtRevision } from "../delivery/git";
import { formatCount } from "../i18n/format";
import { chooseLanguage } from "../i18n/language";
import { planMarkdown } from "../plan/markdown";
import { buildDesiredOrganization } from "../model/organization";
import { planJson, planTeams } from "../plan/plan";
import type { StackPolicy } from "../stack/policy";
import { formatDiagnostics } from "../team-file/diagnostics";
import { command, UsageError } from "./run";
import { inTeamFolder, STACK_OPTION, stackOption } from "./team-options";

const PROJECT_DIR = join(__dirname, "..", "..");

command({
  script: "plan",
  localized: true,
  summary: {
    fr: "Ce que déclarent les fichiers d'équipe : le vrai programme Pulumi exécuté sous le moteur de test de\nPulumi, sans identifiants ni réseau. Refuse de tourner sur des fichiers invalides (et les signale).",
    en: "What the team files declare: the real Pulumi program run under Pulumi's mock engine, without\ncredentials or network. Refuses to run on invalid files (and reports them).",
  },
  options: {
    dir: {
      type: "string",
      default: "teams",
      value: { fr: "DOSSIER", en: "DIR" },
      help: { fr: "dossier des fichiers d'équipe", en: "folder of team files" },
    },
    stack: STACK_OPTION,
    format: {
      type: "string",
      default: "markdown",
      choices: ["markdown", "json"],
      help: {
        fr: "markdown (résumé par équipe) ou json (chaque ressource déclarée, sur stdout)",
        en: "markdown (summary per team) or json (every declared resource, on stdout)",
      },
    },
    base: {
      type: "string",
      value: "REV",
      help: {
        fr: "révision git de comparaison : le résumé Markdown ne montre que les équipes qui changent depuis teams/ à REV",
        en: "git revision to compare with: the Markdown summary shows only the teams that changed since teams/ at REV",
      },
    },
  },
  notes: {
    fr: "Pour un JSON lisible par un programme, lancez `npm run -s plan -- --format json` (sans -s, npm\nécrit sa propre bannière sur stdout).",
    en: "For JSON a program can read, run `npm run -s plan -- --format json` (without -s, npm prints its\nown banner on stdout).",
  },
  exit: {
    ok: { fr: "plan écrit", en: "plan written" },
    findings: { fr: "fichiers d'équipe invalides", en: "invalid team files" },
  },
  async run({ values, lang: option, progress }) {
    const policy = stackOption(values.stack, PROJECT_DIR);
    const lang = chooseLanguage(option, policy.language);
    if (values.base !== undefined && values.format === "json")
      throw new UsageError({
        fr: "--base ne sert qu'au résumé Markdown",
        en: "--base applies to the Markdown summary only",
      });
    const base = values.base === undefined ? undefined : await baseModel(values.base, policy);

    const result = await inTeamFolder(values.dir, () =>
      planTeams({
        dir: values.dir,
        stack: values.stack,
        projectDir: PROJECT_DIR,
        onProgress: (phase, declared) =>
          progress.update(
            lang === "fr"
              ? phase === "validate"
                ? "plan : vérification des fichiers d'équipe"
                : `plan : ${formatCount(declared, lang)} ressources déclarées`
              : phase === "validate"
                ? "plan: checking the team files"
                : `plan: ${formatCount(declared, lang)} resources declared`,
          ),
      }),
    );
    if (!result.ok) {
      const errors = formatDiagnostics(result.diagnostics, "text", result.filesChecked, lang);
      const advice =
        lang === "fr"
          ? `Le plan n'a pas tourné : corrigez les ${result.diagnostics.length} erreur(s) ci-dessus (npm run validate les montre aussi).`
          : `The plan did not run: fix the ${result.diagnostics.length} error(s) above (npm run validate shows them too).`;
      progress.done();
      process.stderr.write(`${errors}\n${advice}\n`);
      return { output: "", exitCode: 1 };
    }
    return {
      output:
        values.format === "json"
          ? JSON.stringify(planJson(result.plan), null, 2)
          : planMarkdown(result.plan, { lang, base }),
      exitCode: 0,
    };
  },
});

/** The organization declared by teams/ at `revision` (empty when it had no teams/). */
async function baseModel(revision: string, policy: StackPolicy) {
  try {
    git(["rev-parse", "--verify", "--quiet", `${revision}^{commit}`]);
  } catch {
    throw new UsageError({
      fr: `--base ${revision} n'est pas une révision git connue ici (récupérez-la, par exemple avec fetch-depth: 2)`,
      en: `--base ${revision} is not a git revision known here (fetch it, e.g. with fetch-depth: 2)`,
    });
  }
  return (await modelAtRevision(revision, policy)) ?? buildDesiredOrganization([], policy);
}
