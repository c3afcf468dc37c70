/** What the plan page's parts share: the view model and how a part finds the failure of its own form. */
import type { ActionFailure } from "~/lib/forms";

export type { PlanView } from "~/domain/plan/plan-view.server";

/** The failure of the form sent with `intent` (and, for a row's form, `target`), or null. */
export type ForIntent = (intent: string, target?: string) => ActionFailure | null;
