/** The live preview of Markdown being typed: rendered and sanitized exactly as the saved text will be. */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { PreviewSchema } from "~/domain/committee/committee.schema";
import { requireActor } from "~/lib/context.server";
import { renderMarkdown } from "~/lib/markdown.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await requireActor(request, context);
  const parsed = PreviewSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ html: "" }, { status: 400 });
  return { html: renderMarkdown(parsed.data.markdown) };
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
