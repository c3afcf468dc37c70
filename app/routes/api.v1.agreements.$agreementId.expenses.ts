import { apiRoute } from "~/lib/api.server";

export const loader = apiRoute({ GET: "listExpenses" });
