import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Card, PageHeader } from "~/components/ui/card";
import { requireUser } from "~/lib/auth.server";
import { pageTitle } from "~/lib/i18n/meta";
import { useI18n } from "~/lib/i18n/react";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Settings() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.intro")} />
      <Card>
        <ul className="space-y-2">
          <li>
            <Link to="/account" className="text-brand-700 hover:underline">
              {t("settings.account")}
            </Link>
          </li>
          <li>
            <Link to="/organizations" className="text-brand-700 hover:underline">
              {t("settings.organizations")}
            </Link>
          </li>
        </ul>
      </Card>
    </>
  );
}
