/**
 * `${__time(format)}`: a subset of Java's SimpleDateFormat (what JMeter's __time takes), in the
 * local time zone of the engine process. The format is compiled once into a list of field
 * writers, so a literal format costs one pass over its fields per render.
 *
 * Letters (a run of the same letter is one field; its length sets padding, as in Java):
 *   yyyy year · yy two-digit year · M/MM month · MMM Jan · MMMM January · d/dd day of month ·
 *   H/HH hour 0–23 · h/hh hour 1–12 · m/mm minute · s/ss second · S/SSS milliseconds ·
 *   a AM/PM · E/EEE Mon · EEEE Monday · Z offset +0100 · X +01 · XX +0100 · XXX +01:00 (X forms: Z for UTC)
 * Text in single quotes is literal ('T'); '' is one quote. Other ASCII letters are refused (Java
 * gives them meanings we do not implement); every other character is copied.
 * `/1000` (JMeter's divisor form) gives epoch seconds.
 */

type TField = string | ((d: Date, ms: number) => string);

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

/** Z: +0100 · X: +01 · XX: +0100 · XXX: +01:00 (the X forms write Z for UTC), as Java. */
function offset(d: Date, iso: boolean, width: number): string {
  const minutes = -d.getTimezoneOffset();
  if (iso && minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hours = `${sign}${pad(Math.floor(abs / 60), 2)}`;
  if (iso && width === 1) return hours;
  return `${hours}${iso && width >= 3 ? ":" : ""}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number): TField | null {
  switch (letter) {
    case "y":
      return count === 2 ? (d) => pad(d.getFullYear() % 100, 2) : (d) => pad(d.getFullYear(), count);
    case "M":
      if (count >= 4) return (d) => MONTHS[d.getMonth()]!;
      if (count === 3) return (d) => MONTHS[d.getMonth()]!.slice(0, 3);
      return (d) => pad(d.getMonth() + 1, count);
    case "d":
      return (d) => pad(d.getDate(), count);
    case "H":
      return (d) => pad(d.getHours(), count);
    case "h":
      return (d) => pad(d.getHours() % 12 || 12, count);
    case "m":
      return (d) => pad(d.getMinutes(), count);
    case "s":
      return (d) => pad(d.getSeconds(), count);
    case "S":
      return (d) => pad(d.getMilliseconds(), count);
    case "a":
      return (d) => (d.getHours() < 12 ? "AM" : "PM");
    case "E":
      return count >= 4 ? (d) => DAYS[d.getDay()]! : (d) => DAYS[d.getDay()]!.slice(0, 3);
    case "Z":
      return (d) => offset(d, false, 2);
    case "X":
      return (d) => offset(d, true, count);
    default:
      return null;
  }
}

/** Renders epoch ms with one format. */
export type TTimeFormatter = (epochMs: number) => string;

/** Compile a format; throws an Error naming the bad letter or the unclosed quote. */
export function compileTimeFormat(format: string): TTimeFormatter {
  if (format === "") return (ms) => String(ms);
  if (format.trim() === "/1000") return (ms) => String(Math.floor(ms / 1000));
  const fields: TField[] = [];
  let literal = "";
  const flush = () => {
    if (literal) fields.push(literal);
    literal = "";
  };
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    if (c === "'") {
      if (format[i + 1] === "'") {
        literal += "'";
        i += 2;
        continue;
      }
      // Inside quotes, '' is one quote too.
      let j = i + 1;
      let text = "";
      for (;;) {
        const q = format.indexOf("'", j);
        if (q < 0) throw new Error(`__time format "${format}": unclosed quote at ${i + 1}`);
        text += format.slice(j, q);
        if (format[q + 1] === "'") {
          text += "'";
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      literal += text;
      i = j;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (format[i + n] === c) n++;
      const f = field(c, n);
      if (!f)
        throw new Error(
          `__time format "${format}": unsupported letter ${c} at ${i + 1} (known: yyyy yy MM dd HH hh mm ss SSS a E Z X; quote literal text as 'T')`,
        );
      flush();
      fields.push(f);
      i += n;
      continue;
    }
    literal += c;
    i++;
  }
  flush();
  return (ms) => {
    const d = new Date(ms);
    let out = "";
    for (const f of fields) out += typeof f === "string" ? f : f(d, ms);
    return out;
  };
}
