import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { Badge } from "@/app/_components/ui/badge";
import { findApiTokens } from "@/lib/auth/find-api-tokens";
import { getActor } from "@/lib/auth/get-actor";
import { getDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { knownTimeZones, zoneLabel } from "@/lib/time/format-time";
import { TimeZoneForm } from "@/app/_components/time-zone-form";
import { setOwnTimeZoneAction } from "./actions";
import { ChangePasswordForm } from "./change-password-form";
import { SignOutButton } from "./sign-out-button";
import { TokensPanel } from "./tokens-panel";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

/** Your account: who you are, your role, your API tokens. */
export default async function AccountPage() {
  const t = await getTranslations("account");
  const actor = await getActor();
  if (!actor) redirect("/sign-in?next=/account");
  const [tokens, zone, tz] = await Promise.all([
    actor.id ? findApiTokens(actor.id) : [],
    getDisplayTimeZone(actor.id),
    getTranslations("timeZone"),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={
          <span className="inline-flex items-center gap-2">
            {actor.name} <Badge tone={actor.role === "admin" ? "info" : "neutral"}>{t(`roles.${actor.role}`)}</Badge>
          </span>
        }
        actions={<SignOutButton />}
      />
      <section className="mt-2">
        <h2 className="text-base font-semibold text-zinc-900">{t("tokensTitle")}</h2>
        <p className="mt-1 max-w-2xl text-sm text-zinc-500">{t("tokensDescription")}</p>
        <TokensPanel
          initial={tokens.map((tk) => ({
            id: tk.id,
            name: tk.name,
            tokenPrefix: tk.tokenPrefix,
            createdAt: tk.createdAt.toISOString(),
            lastUsedAt: tk.lastUsedAt?.toISOString() ?? null,
            revokedAt: tk.revokedAt?.toISOString() ?? null,
          }))}
        />
      </section>
      {actor.id ? (
        <section className="mt-10">
          <h2 className="text-base font-semibold text-zinc-900">{tz("accountTitle")}</h2>
          <p className="mt-1 max-w-2xl text-sm text-zinc-500">{tz("accountDescription")}</p>
          <TimeZoneForm
            save={setOwnTimeZoneAction}
            idPrefix="account-"
            initial={{ ...zone, offset: zoneLabel(zone.timeZone) }}
            zones={knownTimeZones()}
          />
        </section>
      ) : null}
      {actor.via === "session" ? (
        <section className="mt-10">
          <h2 className="text-base font-semibold text-zinc-900">{t("passwordTitle")}</h2>
          <ChangePasswordForm />
        </section>
      ) : null}
    </>
  );
}
