// What every component needs to declare resources against one Sentry organization.
import type * as pulumi from "@pulumi/pulumi";
import type { Adoption } from "../adoption/adoption";

export interface SentryContext {
  organization: string;
  /** `https://host/api/`: the bridged provider's base URL, also used by the dynamic resources. */
  baseUrl: string;
  sentryProvider: pulumi.ProviderResource;
  /** Import IDs of resources that already exist (written by the importer). */
  adoption?: Adoption;
}

/** The `import` option for a resource the adoption file lists, nothing otherwise. */
export function adopt(ids: Record<string, string> | undefined, key: string): pulumi.CustomResourceOptions {
  const id = ids?.[key];
  return id === undefined ? {} : { import: id };
}

/**
 * Teams and projects hold event data: removing or renaming a team file must never delete them in
 * Sentry. They are retained on delete (they leave the Pulumi state, the data stays) and the deletion
 * guard makes such a change visible in review.
 */
export const DATA_BEARING: pulumi.CustomResourceOptions = { retainOnDelete: true };
