/** Any unknown URL: a 404 answered through the root loader, so the page is in the user's language. */
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/lib/http.server";

export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return (
    <main className="px-4">
      <GeneralErrorBoundary />
    </main>
  );
}
