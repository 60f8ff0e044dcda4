// Every rule of the validator, by id. The README and the guide list them all (a test checks it).
import { alertFrequencyForm } from "./alert-frequency-form";
import { alertNameBytes } from "./alert-name-bytes";
import { alertNameDuplicate } from "./alert-name-duplicate";
import { alertSameBody } from "./alert-same-body";
import { alertTrigger } from "./alert-trigger";
import { alertWindow } from "./alert-window";
import { blankText } from "./blank-text";
import { codeMappingBranch } from "./code-mapping-branch";
import { codeMappingNeedsRepository } from "./code-mapping-needs-repository";
import { codeMappingRoot } from "./code-mapping-root";
import { controlCharacters } from "./control-characters";
import { crashFreePlatform } from "./crash-free-platform";
import { duplicateItem } from "./duplicate-item";
import { emailDomain } from "./email-domain";
import { emailFormat } from "./email-format";
import { emailTooLong } from "./email-too-long";
import { emptyValue } from "./empty-value";
import { everyFormat } from "./every-format";
import { everyRange } from "./every-range";
import { fileEmpty } from "./file-empty";
import { fileEncoding } from "./file-encoding";
import { fileExtension } from "./file-extension";
import { fileName } from "./file-name";
import { fileNotRegular } from "./file-not-regular";
import { fileTooLarge } from "./file-too-large";
import { fileUnreadable } from "./file-unreadable";
import { handleFormat } from "./handle-format";
import { invalidValue } from "./invalid-value";
import { mattermostChannel } from "./mattermost-channel";
import { mattermostNotConfigured } from "./mattermost-not-configured";
import { memberDuplicate } from "./member-duplicate";
import { memberExpired } from "./member-expired";
import { memberForm } from "./member-form";
import { memberUntil } from "./member-until";
import { missingKey } from "./missing-key";
import { notifyNotMember } from "./notify-not-member";
import { notifyTarget } from "./notify-target";
import { orgRoleRefused } from "./org-role-refused";
import { outOfRange } from "./out-of-range";
import { ownerFormat } from "./owner-format";
import { performanceDuration } from "./performance-duration";
import { performanceMetric } from "./performance-metric";
import { performanceNotify } from "./performance-notify";
import { performancePercentage } from "./performance-percentage";
import { performancePlatform } from "./performance-platform";
import { performanceRange } from "./performance-range";
import { performanceResolve } from "./performance-resolve";
import { performanceWindow } from "./performance-window";
import { platformUnknown } from "./platform-unknown";
import { privacySafeField } from "./privacy-safe-field";
import { privacySwitchRefused } from "./privacy-switch-refused";
import { projectSlugTaken } from "./project-slug-taken";
import { repositoryFormat } from "./repository-format";
import { repositoryOwner } from "./repository-owner";
import type { FileRule, Rule } from "./rule";
import { sharedWithSelf } from "./shared-with-self";
import { sharedWithUnknownTeam } from "./shared-with-unknown-team";
import type { ValueParams } from "./show";
import { slugFormat } from "./slug-format";
import { teamRole } from "./team-role";
import { teamSlugFormat } from "./team-slug-format";
import { tooLong } from "./too-long";
import { tooManyAlerts } from "./too-many-alerts";
import { tooManyMembers } from "./too-many-members";
import { tooManyPerformanceAlerts } from "./too-many-performance-alerts";
import { tooManyProjects } from "./too-many-projects";
import { unknownKey } from "./unknown-key";
import { wrongType } from "./wrong-type";
import { yamlAliases } from "./yaml-aliases";
import { yamlComplexKey } from "./yaml-complex-key";
import { yamlDuplicateKey } from "./yaml-duplicate-key";
import { yamlIndentation } from "./yaml-indentation";
import { yamlItemForm } from "./yaml-item-form";
import { yamlSeveralDocuments } from "./yaml-several-documents";
import { yamlSyntax } from "./yaml-syntax";
import { yamlTab } from "./yaml-tab";
import { yamlTooDeep } from "./yaml-too-deep";
import { yamlTopLevel } from "./yaml-top-level";

/** Rules that explain a value a schema node refuses, by the node's `x-rule`. */
export const VALUE_RULES: Readonly<Record<string, Rule<ValueParams>>> = Object.fromEntries(
  [
    platformUnknown,
    handleFormat,
    emailFormat,
    repositoryFormat,
    slugFormat,
    teamSlugFormat,
    ownerFormat,
    everyFormat,
    alertWindow,
    alertTrigger,
    notifyTarget,
    teamRole,
    mattermostChannel,
    codeMappingBranch,
    codeMappingRoot,
    memberForm,
    memberUntil,
    tooManyProjects,
    tooManyAlerts,
    tooManyMembers,
    performanceDuration,
    performancePercentage,
    performanceWindow,
    performanceNotify,
    tooManyPerformanceAlerts,
  ].map((rule) => [rule.id, rule]),
);

/** Rules that check a parsed file's data, in the order they run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const FILE_RULES: readonly FileRule<any>[] = [
  orgRoleRefused,
  controlCharacters,
  blankText,
  memberDuplicate,
  memberUntil,
  memberExpired,
  emailDomain,
  emailTooLong,
  notifyNotMember,
  mattermostNotConfigured,
  repositoryOwner,
  codeMappingNeedsRepository,
  sharedWithSelf,
  privacySwitchRefused,
  privacySafeField,
  everyRange,
  alertNameDuplicate,
  alertNameBytes,
  alertSameBody,
  performanceMetric,
  performanceWindow,
  performanceRange,
  performanceResolve,
  performancePlatform,
  crashFreePlatform,
];

/**
 * Every rule, in the order of the rules tables: reading, YAML, schema, values, file checks, across files
 * (a value rule that also checks the file is listed once).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ALL_RULES: readonly Rule<any>[] = [
  fileExtension,
  fileName,
  fileNotRegular,
  fileUnreadable,
  fileTooLarge,
  fileEncoding,
  fileEmpty,
  yamlTab,
  yamlIndentation,
  yamlItemForm,
  yamlSyntax,
  yamlDuplicateKey,
  yamlSeveralDocuments,
  yamlTopLevel,
  yamlComplexKey,
  yamlAliases,
  yamlTooDeep,
  unknownKey,
  missingKey,
  wrongType,
  invalidValue,
  tooLong,
  emptyValue,
  outOfRange,
  duplicateItem,
  alertFrequencyForm,
  ...Object.values(VALUE_RULES),
  ...FILE_RULES,
  projectSlugTaken,
  sharedWithUnknownTeam,
].filter((rule, index, all) => all.indexOf(rule) === index);
