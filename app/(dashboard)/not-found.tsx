import { NotFoundView } from "@/app/_components/not-found-view";

/** notFound() from a dashboard page (e.g. an unknown module id): the 404 inside the frame. */
export default function DashboardNotFound() {
  return <NotFoundView />;
}
