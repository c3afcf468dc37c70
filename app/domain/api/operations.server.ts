/**
 * Every operation of the API, by resource. A resource is one module exporting its operations (schemas,
 * scope, handler) plus its route file(s) under app/routes/api.v1.*; the OpenAPI document, the reference
 * page and the test that every route is documented read this list.
 */
import type { ApiOperation } from "./operation";
import { agreementOperations } from "./resources/agreements.server";
import { committeeOperations } from "./resources/committee.server";
import { deliverableOperations } from "./resources/deliverables.server";
import { financeOperations } from "./resources/finance.server";
import { obligationOperations } from "./resources/obligations.server";
import { organizationOperations } from "./resources/organization.server";
import { planOperations } from "./resources/plan.server";
import { reportOperations } from "./resources/reports.server";

export const API_OPERATIONS: readonly ApiOperation[] = [
  ...organizationOperations,
  ...agreementOperations,
  ...obligationOperations,
  ...deliverableOperations,
  ...planOperations,
  ...committeeOperations,
  ...financeOperations,
  ...reportOperations,
];

export function apiOperation(id: string): ApiOperation {
  const op = API_OPERATIONS.find((o) => o.id === id);
  if (!op) throw new Error(`No API operation ${id}`);
  return op;
}
