import { apiRoute } from "~/lib/api.server";

export const action = apiRoute({ POST: "recordPayment" });
