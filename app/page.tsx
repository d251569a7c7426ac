import { redirect } from "next/navigation";

/** The modules list is the start page. */
export default function Home() {
  redirect("/modules");
}
