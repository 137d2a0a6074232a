/** A warning of the cluster's inputs, with the rule of the pack that judges the same thing, if any. */
export type ClusterWarning = string | { readonly message: string; readonly ruleId?: string };
