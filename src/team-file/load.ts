// Reads the team files of a folder (one level, like kubernetes/org's merge step) as data: no link is
// followed and nothing but a regular file is opened, so a link to /dev/zero or to a file outside the
// repository, a folder named x.yaml or a link loop each get one located error, and every other file
// is still read.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { StackPolicy } from "../stack/policy";
import { formatDiagnostics } from "./diagnostics";
import { MAX_FILE_BYTES } from "./parse";
import { fileNotRegular, type EntryKind } from "./rules/file-not-regular";
import { fileTooLarge } from "./rules/file-too-large";
import { fileUnreadable } from "./rules/file-unreadable";
import { diagnosticOf } from "./rules/rule";
import { validateTeamFiles, type TeamFileInput, type ValidatedTeam } from "./validate";

/** Entries the validator looks at: `.yaml` team files, and `.yml` or `.YAML` ones so it can ask for a rename. */
const TEAM_FILE = /\.ya?ml$/i;

/** The team folder is missing or is not a folder: an environment error, not a finding. */
export class TeamFolderError extends Error {}

export function readTeamDirectory(dir: string, cwd = process.cwd()): TeamFileInput[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    names = readdirSync(dir);
  } catch {
    throw new TeamFolderError(`cannot read team folder ${dir}: pass an existing folder with --dir PATH`);
  }
  return names
    .filter((name) => TEAM_FILE.test(name))
    .sort()
    .map((name) => readTeamFile(join(dir, name), cwd));
}

/** One buffer for every read (reads are synchronous), one byte past the size limit; only what was read is copied out. */
const READ_BUFFER = Buffer.allocUnsafe(MAX_FILE_BYTES + 1);

/** One team file, read as data (see the top of this file); never throws for what the entry is. */
export function readTeamFile(path: string, cwd = process.cwd()): TeamFileInput {
  const relativePath = relative(cwd, path);
  const file = relativePath.startsWith("..") ? path : relativePath;
  const refuse = (refused: TeamFileInput["refused"]): TeamFileInput => ({ file, bytes: new Uint8Array(0), refused });
  const start = { line: 1, col: 1 };
  const notRegular = (kind: EntryKind) =>
    refuse(diagnosticOf(fileNotRegular, { name: basename(path), kind }, file, start));

  let entry;
  try {
    entry = lstatSync(path);
  } catch (error) {
    return refuse(diagnosticOf(fileUnreadable, { name: basename(path), code: errorCode(error) }, file, start));
  }
  if (entry.isSymbolicLink()) return notRegular("symlink");
  if (entry.isDirectory()) return notRegular("directory");
  if (!entry.isFile()) return notRegular("other");

  let fd: number;
  try {
    // O_NOFOLLOW: the entry may have become a link since lstat; O_NONBLOCK: never wait on a FIFO.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return refuse(diagnosticOf(fileUnreadable, { name: basename(path), code: errorCode(error) }, file, start));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return notRegular("other");
    if (stat.size > MAX_FILE_BYTES) {
      return refuse(diagnosticOf(fileTooLarge, { bytes: stat.size, limitKiB: MAX_FILE_BYTES / 1024 }, file, start));
    }
    // Read at most one byte past the limit, whatever the file grows to meanwhile. A view of a buffer per
    // file would keep the whole buffer alive: 170 MB for 662 files, through the whole plan.
    const buffer = READ_BUFFER;
    let length = 0;
    for (let read = 1; read > 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    return { file, bytes: Buffer.from(buffer.subarray(0, length)) };
  } catch (error) {
    return refuse(diagnosticOf(fileUnreadable, { name: basename(path), code: errorCode(error) }, file, start));
  } finally {
    closeSync(fd);
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" ? code : "error";
}

/**
 * The teams of a folder whose files must all be valid: otherwise throws (with `makeError`, e.g. a
 * Pulumi RunError) one message listing every located error, then `consequence`.
 */
export function readValidTeams(
  dir: string,
  policy: StackPolicy,
  consequence: string,
  makeError = (message: string) => new Error(message),
): ValidatedTeam[] {
  const files = readTeamDirectory(dir);
  const { teams, diagnostics } = validateTeamFiles(files, policy);
  if (diagnostics.length > 0) {
    throw makeError(
      `${diagnostics.length} error(s) in the team files of ${dir}; ${consequence}:\n${formatDiagnostics(diagnostics, "text", files.length, policy.language)}`,
    );
  }
  return teams;
}
