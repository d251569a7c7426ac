/** A titled card of the run page: heading, optional one-line hint and actions, then content. */
export function Section({
  title,
  hint,
  actions,
  children,
  testId,
  flush = false,
}: {
  title: React.ReactNode;
  hint?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
  /** Content touches the card's edges (tables bring their own border). */
  flush?: boolean;
}) {
  return (
    <section className="grid gap-2.5" data-testid={testId} aria-label={typeof title === "string" ? title : undefined}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          {hint ? <p className="mt-0.5 text-xs text-zinc-500">{hint}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      {flush ? children : <div className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">{children}</div>}
    </section>
  );
}

/** One figure of the facts strip at the top of the run page. */
export function Fact({ label, value, testId }: { label: React.ReactNode; value: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm font-medium text-zinc-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
