import type { TRunOverrides } from "@/lib/engine/scenario";

/**
 * The launch parameters a run was started with (JMeter's -J values), as `name = value` chips.
 * Values come masked from getRunById when the name looks like a secret.
 */
export function LaunchParameters({ label, variables }: { label: string; variables: TRunOverrides["variables"] }) {
  const entries = Object.entries(variables ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <div className="mt-3 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-xs" data-testid="launch-parameters">
      <span className="text-zinc-500">{label}</span>
      {entries.map(([name, value]) => (
        <code key={name} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-800" data-testid="launch-parameter">
          {name} = {String(value)}
        </code>
      ))}
    </div>
  );
}
