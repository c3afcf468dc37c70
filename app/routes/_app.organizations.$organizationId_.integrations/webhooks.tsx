/** The webhook endpoints: the form that adds one, and the list with each one's deliveries. */
import { useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { DateTimeText } from "~/components/ui/formatted";
import { AppForm, Notice, FormError, typed } from "~/components/ui/form";
import type { IntegrationsPage } from "~/domain/api/integrations-view.server";
import type { ActionFailure } from "~/lib/forms";
import { useI18n } from "~/lib/i18n/react";

const DELIVERY_TONE = { pending: "blue", sent: "green", failed: "red", skipped: "slate" } as const;

export function WebhookForm({
  view,
  webhookFailure,
}: {
  view: IntegrationsPage;
  webhookFailure: ActionFailure | null;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  return (
    <Card title={t("webhook.add")}>
      <AppForm failure={webhookFailure} className="space-y-4">
        <input type="hidden" name="intent" value="addWebhook" />
        <TextField
          label={t("webhook.url")}
          name="url"
          type="url"
          required
          maxLength={2000}
          dir="ltr"
          placeholder="https://"
          defaultValue={typed(webhookFailure?.values, "url")}
          error={webhookFailure?.fieldErrors.url}
        />
        <fieldset
          className="space-y-1"
          aria-describedby={webhookFailure?.fieldErrors.events ? "webhook-events-error" : undefined}
        >
          <legend className="mb-1 text-sm font-medium text-slate-800">{t("webhook.events")}</legend>
          {view.webhookEvents.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={[webhookFailure?.values.events ?? []].flat().includes(event)}
                aria-invalid={webhookFailure?.fieldErrors.events ? true : undefined}
                className="mt-0.5 h-4 w-4"
              />
              {t(`webhook.event.${event}`)}
            </label>
          ))}
          {webhookFailure?.fieldErrors.events ? (
            <p id="webhook-events-error" className="text-sm font-medium text-red-700" role="alert">
              {t(webhookFailure.fieldErrors.events.key, webhookFailure.fieldErrors.events.vars)}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label={t("webhook.description")}
          name="description"
          optional
          maxLength={200}
          defaultValue={typed(webhookFailure?.values, "description")}
          error={webhookFailure?.fieldErrors.description}
        />
        <FormError failure={webhookFailure} />
        <Button disabled={navigation.state === "submitting"}>{t("webhook.add")}</Button>
      </AppForm>
    </Card>
  );
}

export function WebhookList({ view }: { view: IntegrationsPage }) {
  const { t } = useI18n();
  return (
    <Card title={t("webhook.title")}>
      <p className="text-sm text-slate-600">{t("webhook.intro")}</p>
      <pre className="mb-4 mt-2 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs text-slate-800" dir="ltr">
        Charaka-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256(secret, &quot;t.body&quot;)&gt;
      </pre>
      {view.endpoints.length === 0 ? (
        <p className="text-sm text-slate-600">{t("webhook.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="webhook-endpoints">
          {view.endpoints.map((endpoint) => (
            <li key={endpoint.id} className="space-y-2 py-3 text-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="break-all font-mono text-xs text-slate-900" dir="ltr">
                    {endpoint.url}
                  </p>
                  {endpoint.description ? (
                    <p className="text-slate-600">
                      <bdi>{endpoint.description}</bdi>
                    </p>
                  ) : null}
                  <p className="text-slate-600">
                    {endpoint.events
                      .map((e) => t(`webhook.event.${e as (typeof view.webhookEvents)[number]}`))
                      .join(" · ")}
                  </p>
                </div>
                <span className="flex gap-1">
                  <AppForm>
                    <input type="hidden" name="intent" value="testWebhook" />
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <Button variant="secondary" className="px-2 py-1 text-xs">
                      {t("webhook.test")}
                    </Button>
                  </AppForm>
                  <AppForm>
                    <input type="hidden" name="intent" value="removeWebhook" />
                    <input type="hidden" name="endpointId" value={endpoint.id} />
                    <Button variant="danger" className="px-2 py-1 text-xs">
                      {t("webhook.remove")}
                    </Button>
                  </AppForm>
                </span>
              </div>
              {view.testedEndpointId === endpoint.id ? <Notice>{t("webhook.testQueued")}</Notice> : null}
              <details>
                <summary className="cursor-pointer text-slate-700">{t("webhook.secret")}</summary>
                <input
                  readOnly
                  value={endpoint.secret}
                  aria-label={t("webhook.secret")}
                  data-testid="webhook-secret"
                  className="mt-1 w-full rounded border border-slate-200 bg-white px-2 py-1 font-mono text-xs"
                  dir="ltr"
                />
              </details>
              <h3 className="pt-1 text-xs font-semibold uppercase text-slate-500">{t("webhook.log")}</h3>
              {endpoint.deliveries.length === 0 ? (
                <p className="text-slate-600">{t("webhook.logEmpty")}</p>
              ) : (
                <ul className="space-y-1" data-testid="webhook-log">
                  {endpoint.deliveries.map((d) => (
                    <li key={d.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-700">
                      <Badge tone={DELIVERY_TONE[d.status]}>{t(`webhook.status.${d.status}`)}</Badge>
                      <span>{t(`webhook.event.${d.eventType as "webhook.test"}`)}</span>
                      <span>
                        · <DateTimeText value={d.createdAt} />
                      </span>
                      <span>· {t("webhook.attempts", { count: d.attempts })}</span>
                      {d.lastStatusCode ? <span dir="ltr">· HTTP {d.lastStatusCode}</span> : null}
                      {d.lastError && !d.lastStatusCode ? <span dir="ltr">· {d.lastError}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
