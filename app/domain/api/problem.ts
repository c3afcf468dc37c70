/**
 * Errors of the API as RFC 9457 problem details (`application/problem+json`): a `type` URI per kind
 * of problem (documented on the reference page), the HTTP `status`, a `title`, a `detail` in the
 * client's language, and for invalid input every field's `path` with its message.
 */
export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Insufficient scope" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Version conflict" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  invalid: { status: 400, title: "Invalid request" },
  rule: { status: 422, title: "Refused by a rule" },
  rate_limited: { status: 429, title: "Too many requests" },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface FieldProblem {
  /** The field, as a dotted path into the body or query ("items.4f…", "deliveredOn"). */
  path: string;
  /** The message key (stable, for programs). */
  code: string;
  /** The message, in the client's language. */
  detail: string;
}

export interface Problem {
  type: string;
  status: number;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
  currentVersion?: number;
  retryAfter?: number;
}

/** The documented URI of a kind of problem: the reference page's section about it. */
export function problemTypeUri(type: ProblemType): string {
  return `/api/v1/docs#problem-${type}`;
}

export function problem(type: ProblemType, extra: Omit<Partial<Problem>, "type" | "status" | "title"> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: problemTypeUri(type), status, title, ...extra };
}

/** Thrown by a handler to answer with a problem. */
export class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.title);
  }
}
