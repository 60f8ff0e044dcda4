// A located problem in a team file, and the ways the validator prints them. Every output path escapes
// what came from a file (its name, the values quoted in messages): text and annotations cannot carry
// control characters, workflow commands or ANSI sequences; the Markdown summary carries no Markdown.
import { markdownText, plainText } from "../i18n/escape";
import { DEFAULT_LANGUAGE, type Language, type Localized } from "../i18n/language";

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Path as given on the command line (relative to the working directory when possible). */
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** Stable rule id, listed in the README and the guide (e.g. `unknown-key`). */
  rule: string;
  severity: Severity;
  /** What is wrong and how to fix it, in every language. */
  message: Localized;
}

export type DiagnosticFormat = "text" | "github" | "json" | "markdown";
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ["text", "github", "json", "markdown"];

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.col - b.col ||
    a.rule.localeCompare(b.rule) ||
    a.message.en.localeCompare(b.message.en)
  );
}

const SEVERITY_WORDS: Record<Language, Record<Severity, string>> = {
  fr: { error: "erreur", warning: "avertissement" },
  en: { error: "error", warning: "warning" },
};

export function formatText(d: Diagnostic, lang: Language = DEFAULT_LANGUAGE): string {
  const severity = d.severity === "error" ? "" : ` (${SEVERITY_WORDS[lang].warning})`;
  return plainText(`${d.file}:${d.line}:${d.col}: [${d.rule}]${severity} ${d.message[lang]}`);
}

// GitHub workflow commands: data must escape %, CR and LF; properties also escape ":" and ",".
// Other control characters (ESC of ANSI sequences...) are written out visibly first.
const escapeData = (s: string) => plainText(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(d: Diagnostic, lang: Language = DEFAULT_LANGUAGE): string {
  return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty(d.rule)}::${escapeData(d.message[lang])}`;
}

const MARKDOWN_HEADERS: Record<Language, { title: string; valid: string; columns: string[] }> = {
  fr: {
    title: "Vérification des fichiers d'équipe",
    valid: "Tous les fichiers d'équipe sont valides.",
    columns: ["Fichier", "Ligne", "Colonne", "Règle", "Message"],
  },
  en: {
    title: "Team file check",
    valid: "Every team file is valid.",
    columns: ["File", "Line", "Column", "Rule", "Message"],
  },
};

/** Every diagnostic as one Markdown table (GitHub shows only 10 annotations per step; the summary shows all). */
export function formatMarkdown(diagnostics: readonly Diagnostic[], lang: Language = DEFAULT_LANGUAGE): string {
  const words = MARKDOWN_HEADERS[lang];
  if (diagnostics.length === 0) return `### ${words.title}\n\n${words.valid}\n`;
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    `### ${words.title}`,
    "",
    row(words.columns),
    row(words.columns.map(() => "---")),
    ...diagnostics.map((d) =>
      row([
        markdownText(d.file),
        String(d.line),
        String(d.col),
        `\`${d.rule}\``,
        markdownText(`${d.severity === "warning" ? `(${SEVERITY_WORDS[lang].warning}) ` : ""}${d.message[lang]}`),
      ]),
    ),
    "",
  ].join("\n");
}

export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  filesChecked: number,
  lang: Language = DEFAULT_LANGUAGE,
): string {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  switch (format) {
    case "json": {
      const entry = (d: Diagnostic) => ({
        file: plainText(d.file),
        line: d.line,
        col: d.col,
        rule: d.rule,
        severity: d.severity,
        message: plainText(d.message[lang]),
      });
      const errors = sorted.filter((d) => d.severity === "error");
      return JSON.stringify(
        {
          valid: errors.length === 0,
          filesChecked,
          language: lang,
          errors: errors.map(entry),
          warnings: sorted.filter((d) => d.severity === "warning").map(entry),
        },
        null,
        2,
      );
    }
    case "github":
      return sorted.map((d) => formatGithub(d, lang)).join("\n");
    case "markdown":
      return formatMarkdown(sorted, lang);
    case "text":
      return sorted.map((d) => formatText(d, lang)).join("\n");
  }
}
