// Writes an import into a new folder, all or nothing: everything goes to a temporary folder beside
// the target, which is renamed into place only once complete and valid.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { stringify } from "yaml";
import type { StackPolicy } from "../stack/policy";
import { formatDiagnostics } from "../team-file/diagnostics";
import { validateTeamFiles } from "../team-file/validate";
import { ADOPTION_FILE, validateAdoption } from "./adoption";
import type { ImportResult } from "./importer";

export const REPORT_FILE = "import-report.md";
const HEADER = "# yaml-language-server: $schema=../schema/team.schema.json\n";

export function teamFileText(team: unknown): string {
  return `${HEADER}${stringify(team, { lineWidth: 0 })}`;
}

export function reportText(result: ImportResult): string {
  const lines = result.report.length === 0 ? ["Everything was imported."] : result.report.map((line) => `- ${line}`);
  return `# Import report (${result.adoption.organization})\n\n${result.files.size} team file(s) written.\n\n${lines.join("\n")}\n`;
}

export function writeImport(result: ImportResult, out: string, policy: StackPolicy): void {
  const target = resolve(out);
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new Error(`${out} exists and is not empty: choose a new folder`);
  const files = [...result.files].map(([slug, team]) => ({ file: `${slug}.yaml`, text: teamFileText(team) }));
  const { teams, diagnostics } = validateTeamFiles(
    files.map((f) => ({ file: join(out, f.file), bytes: Buffer.from(f.text) })),
    policy,
  );
  const adoptionText = `${JSON.stringify(result.adoption, null, 2)}\n`;
  const problems =
    diagnostics.length > 0
      ? diagnostics
      : validateAdoption(join(out, ADOPTION_FILE), adoptionText, teams, policy).diagnostics;
  if (problems.length > 0)
    throw new Error(
      `the imported files would not validate; nothing was written:\n${formatDiagnostics(problems, "text", files.length + 1)}`,
    );

  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));
  try {
    for (const { file, text } of files) writeFileSync(join(staging, file), text);
    writeFileSync(join(staging, ADOPTION_FILE), adoptionText);
    writeFileSync(join(staging, REPORT_FILE), reportText(result));
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
