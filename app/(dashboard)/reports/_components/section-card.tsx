/** One section of the report: the sample report's heading, an optional aside (count, setting), the content. */
export function SectionCard({
  index,
  title,
  aside,
  children,
  id,
}: {
  index?: number;
  title: React.ReactNode;
  aside?: React.ReactNode;
  children: React.ReactNode;
  id?: string;
}) {
  return (
    <section id={id} aria-labelledby={id ? `${id}-title` : undefined} className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3">
        <h2 id={id ? `${id}-title` : undefined} className="flex items-baseline gap-2 text-sm font-semibold text-zinc-900">
          {index !== undefined ? <span className="font-mono text-xs font-normal text-zinc-400 tabular-nums">{index}</span> : null}
          {title}
        </h2>
        {aside ? <div className="flex items-center gap-2 text-xs text-zinc-500">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** Quiet one-liner for an empty section: what goes here and how it gets filled. */
export function SectionEmpty({ children }: { children: React.ReactNode }) {
  return <p className="px-4 py-6 text-center text-sm text-zinc-500">{children}</p>;
}
