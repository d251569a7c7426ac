import { NotFoundView } from "./_components/not-found-view";

/** Unmatched URLs (outside the dashboard frame). */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl px-6">
      <NotFoundView />
    </main>
  );
}
