// A located problem in a team file, and the three ways the validator prints them.

export interface Diagnostic {
  /** Path as given on the command line (relative to the working directory when possible). */
  file: string;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** What is wrong and how to fix it, phrased as an instruction. */
  message: string;
}

export type DiagnosticFormat = "text" | "github" | "json";
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ["text", "github", "json"];

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message);
}

export function formatText(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

// GitHub workflow commands: data must escape %, CR and LF; properties also escape ":" and ",".
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(d: Diagnostic): string {
  return `::error file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty("Team file")}::${escapeData(d.message)}`;
}

export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  filesChecked: number,
): string {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  switch (format) {
    case "json":
      return JSON.stringify({ valid: sorted.length === 0, filesChecked, errors: sorted }, null, 2);
    case "github":
      return sorted.map(formatGithub).join("\n");
    case "text":
      return sorted.map(formatText).join("\n");
  }
}
