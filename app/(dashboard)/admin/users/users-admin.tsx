"use client";

import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { Button } from "@/app/_components/ui/button";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { Field, FormError } from "@/app/_components/ui/field";
import { useListPanel } from "@/app/_components/ui/use-list-panel";
import { ListTable } from "@/app/_components/ui/list-table";
import { TD, TR } from "@/app/_components/ui/table";
import { cn } from "@/app/_components/ui/cn";
import { createUserAction, deleteUserAction, updateUserRoleAction } from "./actions";

type TRole = "admin" | "tester" | "viewer";
interface TUserItem {
  id: string;
  email: string;
  name: string;
  role: TRole;
  createdAt: string;
}
const ROLES: TRole[] = ["admin", "tester", "viewer"];

/** List, create (with a role), change role, delete — through the server actions of ./actions.ts. */
export function UsersAdmin({ initial, selfId }: { initial: TUserItem[]; selfId: string | null }) {
  const t = useTranslations("admin");
  const ta = useTranslations("account");
  const formatTime = useFormatTime();
  const { items: users, setItems: setUsers, error, pending, create, call } = useListPanel(initial);

  const onCreate = (event: React.FormEvent<HTMLFormElement>) =>
    create(
      event,
      (form) =>
        createUserAction({
          email: form.get("email"),
          name: form.get("name"),
          password: form.get("password"),
          role: form.get("role"),
        }),
      (user) => setUsers((list) => [...list, user]),
    );

  const onRole = (id: string, role: TRole) =>
    call(updateUserRoleAction(id, { role }), () => setUsers((list) => list.map((u) => (u.id === id ? { ...u, role } : u))));

  async function onDelete(user: TUserItem) {
    if (!window.confirm(t("confirmDelete", { email: user.email }))) return;
    await call(deleteUserAction(user.id), () => setUsers((list) => list.filter((u) => u.id !== user.id)));
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onCreate} className="grid grid-cols-1 gap-3 rounded-lg border border-zinc-200 p-4 sm:grid-cols-5 sm:items-end">
        <Field id="user-name" label={t("name")}>
          <Input id="user-name" name="name" required maxLength={100} />
        </Field>
        <Field id="user-email" label={t("email")}>
          <Input id="user-email" name="email" type="email" required />
        </Field>
        <Field id="user-password" label={t("initialPassword")}>
          <Input id="user-password" name="password" type="password" autoComplete="new-password" minLength={10} required />
        </Field>
        <Field id="user-role" label={t("role")}>
          <select id="user-role" name="role" defaultValue="tester" className={cn(FIELD_CLASS, "h-9")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ta(`roles.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit" disabled={pending}>
          {t("createUser")}
        </Button>
      </form>
      <FormError id="users-error" error={error} />
      <ListTable headers={[t("name"), t("email"), t("role"), t("created")]} rowCount={users.length}>
        {users.map((u) => (
          <TR key={u.id}>
            <TD>{u.name}</TD>
            <TD>{u.email}</TD>
            <TD>
              <select
                aria-label={t("roleOf", { email: u.email })}
                value={u.role}
                onChange={(e) => onRole(u.id, e.target.value as TRole)}
                className={cn(FIELD_CLASS, "h-8 w-32")}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ta(`roles.${r}`)}
                  </option>
                ))}
              </select>
            </TD>
            <TD>{formatTime(u.createdAt, "date")}</TD>
            <TD className="text-right">
              {u.id === selfId ? null : (
                <Button variant="ghost" size="sm" onClick={() => onDelete(u)}>
                  {t("delete")}
                </Button>
              )}
            </TD>
          </TR>
        ))}
      </ListTable>
    </div>
  );
}
