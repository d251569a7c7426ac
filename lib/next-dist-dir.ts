// Where `next build` writes and the web server reads the built app. `.next` unless NEXT_DIST_DIR says
// otherwise, so that several checkouts' worth of work (parallel e2e runs on one tree) can each build
// and serve their own copy without overwriting another's while it is being served.
import { getEnv } from "./env";

export const NEXT_DIST_DIR = getEnv().NEXT_DIST_DIR;
