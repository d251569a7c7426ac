/** What to show instead of an empty table: what this place is for and what to do next. */
export function EmptyState({
  title,
  body,
  action,
  icon = "M2.5 4.5h11v8h-11zM2.5 4.5l2-2h7l2 2M6 8h4",
}: {
  title: React.ReactNode;
  body: React.ReactNode;
  action?: React.ReactNode;
  icon?: string;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <div className="mb-4 flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">
        <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.3" aria-hidden>
          <path d={icon} strokeLinejoin="round" strokeLinecap="round" />
        </svg>
      </div>
      <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm text-zinc-500">{body}</p>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
