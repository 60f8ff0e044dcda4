// What every component needs to declare resources against one Sentry organization.
import type * as pulumi from "@pulumi/pulumi";

export interface SentryContext {
  organization: string;
  /** `https://host/api/`: the bridged provider's base URL, also used by the dynamic resources. */
  baseUrl: string;
  sentryProvider: pulumi.ProviderResource;
}

/** The `import` option for a resource that already exists (adoption file), nothing otherwise. */
export function adopt(importId: string | undefined): pulumi.CustomResourceOptions {
  return importId === undefined ? {} : { import: importId };
}

/**
 * Teams and projects hold event data: removing or renaming a team file must never delete them in
 * Sentry. They are retained on delete (they leave the Pulumi state, the data stays) and the deletion
 * guard makes such a change visible in review.
 */
export const DATA_BEARING: pulumi.CustomResourceOptions = { retainOnDelete: true };
