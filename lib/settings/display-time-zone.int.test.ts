/** The display time zone: the user's own wins, then the installation's setting, then the server's TZ. */
import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { prisma } from "@/lib/db/client";
import { DISPLAY_TIME_ZONE_SETTING, getDisplayTimeZone, serverTimeZone } from "./get-display-time-zone";
import { setDisplayTimeZone } from "./set-display-time-zone";
import { setUserTimeZone } from "./set-user-time-zone";

const email = `tz-${Date.now()}@musterpoint.test`;

afterAll(async () => {
  await prisma.setting.deleteMany({ where: { key: DISPLAY_TIME_ZONE_SETTING } });
  await prisma.user.deleteMany({ where: { email } });
});

describe("display time zone", () => {
  it("user → installation → server, and refuses unknown zones without storing anything", async () => {
    await prisma.setting.deleteMany({ where: { key: DISPLAY_TIME_ZONE_SETTING } });
    const user = await prisma.user.create({ data: { email } });
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: serverTimeZone(), source: "server" });
    expect(await getDisplayTimeZone(null)).toEqual({ timeZone: serverTimeZone(), source: "server" });

    expect(await setDisplayTimeZone("Asia/Shanghai")).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });
    expect(await getDisplayTimeZone(null)).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });

    await setUserTimeZone(user.id, "Europe/Berlin");
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: "Europe/Berlin", source: "user" });
    expect(await getDisplayTimeZone(null)).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });

    await expect(setDisplayTimeZone("Mars/Olympus")).rejects.toBeInstanceOf(ZodError);
    await expect(setUserTimeZone(user.id, "Mars/Olympus")).rejects.toBeInstanceOf(ZodError);
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: "Europe/Berlin", source: "user" });

    await setUserTimeZone(user.id, null);
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });
    expect(await setDisplayTimeZone(null)).toEqual({ timeZone: serverTimeZone(), source: "server" });
    expect(await getDisplayTimeZone(user.id)).toEqual({ timeZone: serverTimeZone(), source: "server" });
  });
});
