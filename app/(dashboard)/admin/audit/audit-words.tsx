import { useTranslations } from "next-intl";
import { dataChunk } from "@/app/_components/coded-message";
import { actionKey, HIDDEN_DETAIL_KEYS, valueKey } from "@/lib/audit/audit-codes";
import { ImportErrorText } from "@/app/(dashboard)/imports/import-error-text";

/**
 * An audit line in the reader's language (lib/audit/audit-codes.ts): the action and the target's
 * kind worded from messages `auditLog.*`, the stored code kept beside them in mono; each detail as
 * "worded key: value" with the value as data. Unknown codes show as stored. Server or client.
 */
export function AuditAction({ action }: { action: string }) {
  const t = useTranslations("auditLog");
  const key = `actions.${actionKey(action)}`;
  if (!t.has(key)) return <span className="font-mono">{action}</span>;
  return (
    <span data-audit-action={action}>
      {t(key)}
      <code className="ml-1 font-mono text-[0.95em] text-zinc-400" translate="no">
        {action}
      </code>
    </span>
  );
}

export function AuditTarget({ targetType }: { targetType: string }) {
  const t = useTranslations("auditLog");
  return <>{t.has(`targets.${targetType}`) ? t(`targets.${targetType}`) : targetType}</>;
}

type TParams = Record<string, string | number>;

export function AuditDetails({ details }: { details: unknown }) {
  const t = useTranslations("auditLog");
  if (details === null || details === undefined) return null;
  if (typeof details !== "object" || Array.isArray(details)) return dataChunk(JSON.stringify(details));
  const d = details as Record<string, unknown>;
  const value = (key: string, v: unknown) => {
    if (key === "error" && typeof v === "string" && typeof d.errorCode === "string")
      return <ImportErrorText error={v} errorCode={d.errorCode} errorParams={(d.errorParams as TParams | undefined) ?? null} />;
    if (typeof v === "boolean") return t(v ? "yes" : "no");
    if (typeof v === "string" && t.has(`values.${valueKey(v)}`)) return t(`values.${valueKey(v)}`);
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return dataChunk(v.join(", "));
    return dataChunk(typeof v === "string" ? v : JSON.stringify(v));
  };
  const entries = Object.entries(d).filter(([k, v]) => !HIDDEN_DETAIL_KEYS.has(k) && v !== undefined);
  return (
    <ul className="grid gap-0.5" data-testid="audit-details">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="text-zinc-500">{t.has(`keys.${k}`) ? t(`keys.${k}`) : k}</span>
          {t("keySeparator")}
          {value(k, v)}
        </li>
      ))}
    </ul>
  );
}
