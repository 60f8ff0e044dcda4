// Where the valid team files name each person and each repository, so that a finding points at
// `file:line:col` of the spelling to change.
import { locate, parseTeamFile } from "../team-file/parse";
import type { PathSegment } from "../team-file/path";
import type { TeamFileInput, ValidatedTeam } from "../team-file/validate";

export interface Located<T> {
  value: T;
  file: string;
  line: number;
  col: number;
}

export interface TeamFileMentions {
  /** The members' addresses as the validator resolved them (lower case). */
  members: Located<string>[];
  /** `OWNER/NAME` as written, from `projects[].repository` and `repositories`. */
  repositories: Located<string>[];
}

export function teamFileMentions(inputs: readonly TeamFileInput[], teams: readonly ValidatedTeam[]): TeamFileMentions {
  const mentions: TeamFileMentions = { members: [], repositories: [] };
  for (const { file, team, resolved } of teams) {
    const input = inputs.find((i) => i.file === file);
    const parsed = input && parseTeamFile(file, input.bytes);
    // Only valid files reach here; a file that no longer parses has nothing to point at.
    if (!parsed?.ok) continue;
    const at = <T>(value: T, path: PathSegment[]): Located<T> => ({
      value,
      file,
      ...locate(parsed.parsed, path),
    });
    resolved.members.forEach((member, i) => mentions.members.push(at(member.address, ["members", i])));
    (team.projects ?? []).forEach((project, i) => {
      if (project.repository) mentions.repositories.push(at(project.repository, ["projects", i, "repository"]));
    });
    (team.repositories ?? []).forEach((repository, i) =>
      mentions.repositories.push(at(repository, ["repositories", i])),
    );
  }
  return mentions;
}

export const where = (mention: Located<unknown>) => `${mention.file}:${mention.line}:${mention.col}`;
