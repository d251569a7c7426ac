/** The centred card of the sign-in and set-up pages (no dashboard frame: not signed in yet). */
export function AuthCard({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-zinc-50 px-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
        <div className="mb-5 flex items-center gap-2">
          <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-accent text-xs font-bold text-white">
            M
          </span>
          <span className="text-sm font-semibold text-zinc-900">Musterpoint</span>
        </div>
        <h1 className="text-lg font-semibold tracking-tight text-zinc-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-zinc-500">{description}</p> : null}
        <div className="mt-5">{children}</div>
      </div>
    </main>
  );
}
