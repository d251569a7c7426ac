/**
 * What the JMX importer says it skipped or approximated, and why a sampler is not usable, by a
 * stable code (lib/i18n/coded-messages.ts). A report item keeps `reason` in English (the API and
 * the tests read it) and `parts` by code; the imports page words the parts from messages/<locale>.json
 * `jmxReasons.codes.<code>`, joined with `jmxReasons.partSeparator` (a reason can end with another's
 * words: "imported, but its server cannot be resolved: <why>"). What the plan holds (names, values,
 * conditions, paths) is data. An item of an import stored before codes has no parts and is shown
 * as it is.
 */
import { codedMaker, englishOf, entry, none, type TCodedMessage, type TParamsOf, type TParamValue } from "../../i18n/coded-messages";

const say = (en: string) => entry(none, () => en);

/**
 * Which setting a number or a time is (`what` of numberOf / cappedSeconds): a reason carries the
 * key, which messages word with a select; a setting not listed is carried as written.
 */
export const JMX_SETTINGS: Record<string, string> = {
  constant_delay_offset: "constant delay offset",
  delay: "delay",
  deviation: "deviation",
  duration: "duration",
  execution_count: "execution count",
  group_size: "group size",
  hold_time: "hold time",
  iterations: "iterations",
  loop_count: "loop count",
  number_of_threads: "number of threads",
  pause_duration: "pause duration",
  percentage: "percentage",
  ramp_up_period: "ramp-up period",
  ramp_up_steps: "ramp-up steps",
  ramp_up_time: "ramp-up time",
  random_delay_maximum: "random delay maximum",
  response_timeout: "response timeout",
  startup_delay: "startup delay",
  target_concurrency: "target concurrency",
  timeout: "timeout",
  pause: "pause",
  ramp_up_and_hold_time: "ramp-up and hold time",
  schedule: "schedule",
};

export function settingKey(what: string): string {
  return Object.keys(JMX_SETTINGS).find((k) => JMX_SETTINGS[k] === what) ?? what;
}

const setting = (key: TParamValue) => JMX_SETTINGS[String(key)] ?? String(key);
const placeholderReason = (why: string) =>
  entry(
    ["original", "variable"],
    (p) => `${p.original}: ${why}; it became the variable ${p.variable} (empty unless set in the scenario or at launch)`,
  );

export const JMX_REASONS = {
  // Any element.
  disabled: say("disabled in the plan"),
  not_importable: entry(["detail"], (p) => `could not be imported: ${p.detail}`),
  no_equivalent: say("a sampler or controller with no equivalent"),
  sampler_no_equivalent: say("a sampler with no equivalent (HTTP requests and pauses are imported)"),
  test_action_stop: say("Test Action stop: no equivalent"),
  test_action_other: say("Test Action other than pause: no equivalent"),
  listener: say("a listener: Musterpoint records results itself"),
  config_no_equivalent: entry(["owner"], (p) => `no equivalent (in ${p.owner})`),
  // Samplers that are not usable (coverage).
  server_unresolved: say("imported, but its server cannot be resolved"),
  no_usable_server: say("no usable server"),
  sampler_not_imported: say("not imported"),
  never_runs: say("never runs, in JMeter either"),
  url_no_host: entry(["url"], (p) => `the URL ${p.url} names no host`),
  no_server_name: say("no server name in the sampler or in any HTTP Request Defaults in scope"),
  empty_server_name: say("an empty server name"),
  server_function: entry(["expr"], (p) => `the server depends on a JMeter function Musterpoint cannot express (${p.expr})`),
  server_variable_unset: entry(["expr"], (p) => `the server uses ${p.expr}, which has no value anywhere in the plan`),
  method_unsupported: entry(["method"], (p) => `HTTP method ${p.method} is not supported`),
  method_unsupported_outcome: entry(["method"], (p) => `not imported: HTTP method ${p.method} is not supported`),
  // Controllers.
  transaction_timers: say(
    "JMeter leaves timer pauses out of this transaction's time (includeTimers=false); in Musterpoint the think steps inside it count",
  ),
  empty_transaction: say("an empty transaction"),
  parent_sample: say("“generate parent sample”: JMeter records only the transaction; Musterpoint records its requests as well"),
  once_only_in_loop: say(
    "inside a loop JMeter runs it on the loop's first pass of every iteration; here it runs in the VU's first iteration only",
  ),
  loop_forever: say("loops forever inside the iteration, as in JMeter: only the end of the run stops it"),
  loop_count_zero: say("a loop count of 0"),
  loop_count_nan: entry(["raw"], (p) => `loop count "${p.raw}" is not a number: the children run once`),
  while_until_failure: say("JMeter loops until a sample in the loop fails; here: while the last response's status is below 400"),
  while_unwritable: entry(
    ["raw"],
    (p) =>
      `the condition ${p.raw} cannot be written in Musterpoint's condition language: the loop runs once (maxIterations 1); rewrite the condition`,
  ),
  last_sample_ok: say("“the last sample succeeded” became “the last response's status is below 400” (a failed assertion does not count)"),
  if_empty: say("an If Controller with an empty condition"),
  if_evaluate_all: say("“evaluate for all children” is not imported: the condition is checked once, before the children"),
  if_unwritable: entry(
    ["raw"],
    (p) => `the condition ${p.raw} cannot be written in Musterpoint's condition language: its children always run; rewrite the condition`,
  ),
  foreach_names: entry(
    ["input", "output", "steps"],
    (p) => `input "${p.input}" or output "${p.output}" is not a plain variable name: the loop was not imported with its ${p.steps} step(s)`,
  ),
  foreach_separator: entry(
    ["input"],
    (p) => `JMeter reads ${p.input}1, ${p.input}2 … (no "_"); Musterpoint reads ${p.input}_1, ${p.input}_2 …`,
  ),
  foreach_indexes: say("start and end indexes are not imported: every value is visited"),
  interleave_random: say(
    "JMeter takes its children in turn, one per pass; here one is drawn at random per pass with equal weights (the same shares over many passes)",
  ),
  interleave_blocks: say("sub-controller blocks are not kept apart: each child is one equally weighted choice"),
  random_order: say("its children run in the plan's order, not shuffled"),
  runtime_once: entry(["seconds"], (p) => `JMeter repeats its children for ${p.seconds} s; here they run once`),
  critical_section: say("the lock between users is not imported: its children run without it"),
  include_file: entry(["path"], (p) => `it includes the file ${p.path}, which is not part of this upload: import that plan on its own`),
  throughput_zero_pct: say("a Throughput Controller at 0 %"),
  throughput_zero_count: say("a Throughput Controller of 0 executions"),
  throughput_all_users: say("JMeter counts the percentage over all users together; here each pass draws at random with that weight"),
  throughput_per_user: entry(["max"], (p) => `the first ${p.max} executions per user became the first ${p.max} iterations of each VU`),
  switch_fixed: entry(["value", "picked"], (p) => `the fixed value "${p.value}" selects "${p.picked}": the others never run`),
  switch_fixed_none: entry(["value"], (p) => `the fixed value "${p.value}" selects no child: the others never run`),
  switch_default: entry(
    ["name"],
    (p) =>
      `a value that names no child runs "${p.name}" (JMeter: the first child for a number out of range, the child named "default" for an unknown name)`,
  ),
  switch_uncomparable: entry(
    ["value"],
    (p) => `the value ${p.value} cannot be compared in Musterpoint's condition language: the first child always runs`,
  ),
  module_missing: entry(["path"], (p) => `the module ${p.path || "(none)"} is not in this plan`),
  module_self: entry(["path"], (p) => `the module ${p.path} includes itself`),
  // Timers.
  sync_no_timeout: entry(["seconds"], (p) => `JMeter waits without a timeout; Musterpoint's default of ${p.seconds} s was used`),
  timer_uniform: entry(["kind"], (p) => `a ${p.kind} pause became a uniform one over offset ± deviation`),
  timer_no_equivalent: say("a timer with no equivalent (think time is constant or uniform; use pacing for a target rate)"),
  // HTTP requests.
  server_holds_url: entry(["domain"], (p) => `the server name ${p.domain} holds a URL: its scheme and host were used`),
  port_nan: entry(
    ["port", "protocol"],
    (p) => `the port "${p.port}" is not a number: JMeter uses the default port of ${p.protocol}, and so does the import`,
  ),
  protocol_http: entry(["protocol"], (p) => `protocol ${p.protocol} became http`),
  file_as_body: entry(
    ["path"],
    (p) => `the file ${p.path} is sent as the body in JMeter; it became a multipart upload (field "file") read by the CLI`,
  ),
  file_uploads: say(
    "file uploads read their files where the scenario runs: the CLI reads them relative to the scenario file; the dashboard cannot send them",
  ),
  files_not_sent: entry(["method"], (p) => `files on a ${p.method} request are not sent (JMeter sends them with POST, PUT and PATCH only)`),
  unnamed_parameters: say("parameters without a name were left out"),
  embedded_resources: say("embedded resources (images, scripts, styles) are not downloaded"),
  keepalive_off: say("“use KeepAlive” is off: Musterpoint keeps connections open"),
  source_address: say("the source address setting is not imported"),
  // Assertions and extractors.
  assertion_on_variable: entry(
    ["variable"],
    (p) =>
      `it works on the variable ${p.variable}: of the elements scoped to a variable, only the Response Assertion is imported (expect.variables)`,
  ),
  variable_assertion_empty: say("a variable assertion without a variable name or a test string"),
  variable_first_alternative: entry(["count", "name"], (p) => `only the first of ${p.count} alternatives (OR) is checked on ${p.name}`),
  variable_first_pattern: entry(["count", "name"], (p) => `only the first of ${p.count} patterns is checked on ${p.name}`),
  pattern_not_regex: entry(["pattern"], (p) => `the pattern ${p.pattern} is not a regular expression JavaScript reads`),
  variable_check_replaced: entry(
    ["check", "value", "previous", "name"],
    (p) => `one ${p.check} check per variable: ${p.value} replaced ${p.previous} on ${p.name}`,
  ),
  json_assertion: say("a JSON assertion other than “the value at a path equals a text” is not imported"),
  assertion_no_equivalent: say("an assertion with no equivalent (response code, body text and duration are imported)"),
  ignore_status: say('"Ignore status" is not imported: the status check stays'),
  status_positive_only: say("only a positive match of response codes (e.g. 200 or 200|201) is imported"),
  status_last_kept: say("several response-code assertions: the last one is kept"),
  body_first_pattern: entry(["count"], (p) => `only the first of ${p.count} patterns is imported`),
  body_regex_plain: say("a regular expression became plain text to look for"),
  body_equals_contains: say("an equals/matches test on the whole body became a contains test"),
  body_must_contain_replaced: entry(
    ["text", "previous"],
    (p) => `one “must contain” text per request: "${p.text}" replaced "${p.previous}" (the closest assertion wins)`,
  ),
  body_must_not_contain_replaced: entry(
    ["text", "previous"],
    (p) => `one “must not contain” text per request: "${p.text}" replaced "${p.previous}" (the closest assertion wins)`,
  ),
  assertion_field: entry(["field"], (p) => `assertions on ${p.field} are not imported`),
  variable_name_invalid: entry(["name"], (p) => `the variable name ${p.name} is not letters, digits and _`),
  extractor_no_default: entry(
    ["name"],
    (p) =>
      `${p.name}: JMeter has no default here and never fails the sample when nothing matches; Musterpoint fails it (give a default to avoid that)`,
  ),
  header_regex: say("a regex over response headers (other than `(?i)Name:\\s*(.*)`) is not imported"),
  regex_over: entry(["field"], (p) => `regex over ${p.field} is not imported (body only)`),
  template_group: entry(["template"], (p) => `template ${p.template} became group 1`),
  compute_concat: say("“compute concatenation var” is not imported"),
  extractor_no_equivalent: say("an extractor with no equivalent (regex, boundary and JSON extractors are imported)"),
  // JMeter functions and references in text (lib/jmeter/jmx/jmeter-functions.ts); `variable` is the placeholder ${name}.
  variable_cycle: entry(["name"], (p) => `variable ${p.name} refers to itself through other variables: left as \${${p.name}}`),
  fn_not_stored: entry(
    ["original", "variable"],
    (p) =>
      `${p.original}: its value is not also stored in variable ${p.variable} (a JMeter side effect Musterpoint's functions do not have)`,
  ),
  fn_time_format: entry(
    ["original", "format"],
    (p) =>
      `${p.original}: the date format ${p.format} uses letters Musterpoint's __time does not know; epoch milliseconds are sent instead`,
  ),
  fn_min_max: placeholderReason("needs a minimum and a maximum"),
  fn_length: placeholderReason("needs a length"),
  fn_runtime_name: placeholderReason("the variable name is only known at run time"),
  fn_runtime_sum: placeholderReason("a sum of values only known at run time"),
  fn_unknown: placeholderReason("no Musterpoint function does this"),
  fn_problem: entry(
    ["original", "problem", "variable"],
    (p) => `${p.original}: ${p.problem}; it became the variable ${p.variable} (empty unless set in the scenario or at launch)`,
  ),
  text_dollar_space: entry(["raw", "problem"], (p) => `${p.raw}: ${p.problem}; sent as text with a space after "$"`),
  text_placeholder: entry(
    ["raw", "problem", "variable"],
    (p) => `${p.raw}: ${p.problem}; it became the variable ${p.variable} (empty unless set in the scenario or at launch)`,
  ),
  // The plan and its thread groups (lib/jmeter/jmx/import-jmx.ts, import-plan.ts).
  not_under_plan: say("not under the Test Plan"),
  consecutive_groups: say(
    "“run thread groups consecutively”: each thread group is a scenario; launch them one after another to keep that order",
  ),
  scenario_invalid: entry(["detail"], (p) => `${p.detail}`),
  no_thread_group: say("the plan has no Thread Group: nothing to import"),
  unused_fragment: say("a Test Fragment no Module Controller uses: JMeter never runs it either"),
  setup_group: say(
    "a setUp Thread Group became a scenario of its own (same threads and loops); JMeter runs it before the other thread groups, so launch it first",
  ),
  teardown_group: say(
    "a tearDown Thread Group became a scenario of its own (same threads and loops); JMeter runs it after the other thread groups, so launch it last",
  ),
  plugin_schedule: entry(
    ["testclass"],
    (p) => `${p.testclass}: its schedule became vus, rampUpSeconds and durationSeconds (check the load)`,
  ),
  plugin_group: entry(
    ["testclass"],
    (p) =>
      `${p.testclass} is a plugin thread group: its samplers were imported with the plain Thread Group's load settings where present (check the load)`,
  ),
  second_cookie_manager: say("a second Cookie Manager: one cookie jar per VU is used"),
  nested_cookie_manager: say("a Cookie Manager inside a controller: the cookie jar applies to the whole scenario"),
  cookies_not_imported: say("cookies defined in the Cookie Manager are not imported (the jar starts empty)"),
  nested_csv: say("a CSV Data Set inside a controller: Musterpoint reads the next row per iteration, for the whole scenario"),
  no_base_url: say(
    "no sampler names a server and no HTTP Request Defaults do: the base URL is http://${__P(host)}, the launch parameter host",
  ),
  became_init: say("it became init: it runs before the first iteration, not after the steps above it"),
  new_user_each_iteration: say("“same user on each iteration” is off: the cookie jar is cleared each iteration"),
  sync_shared: entry(
    ["name", "groups"],
    (p) =>
      `the Synchronizing Timer "${p.name}" is in ${p.groups} thread groups with the same settings: one rendezvous point shared by their scenarios (JMeter keeps one per thread group)`,
  ),
  sync_split_shared: entry(
    ["name", "groups", "names", "point"],
    (p) =>
      `the Synchronizing Timer "${p.name}" is in ${p.groups} thread groups with different settings: those with these settings (${p.names}) share the rendezvous point "${p.point}"`,
  ),
  sync_split_own: entry(
    ["name", "groups", "point"],
    (p) =>
      `the Synchronizing Timer "${p.name}" is in ${p.groups} thread groups with different settings: this one is the rendezvous point "${p.point}"`,
  ),
  // Numbers and CSV Data Sets; `what` is which setting ("number of threads", "loop count", …).
  number_capped: entry(["what", "raw", "max"], (p) => `${setting(p.what)} ${p.raw} is beyond what a scenario takes: ${p.max} was used`),
  number_evaluated: entry(["what", "raw", "value"], (p) => `${setting(p.what)} ${p.raw}: ${p.value} was used`),
  number_property: entry(
    ["what", "name", "value"],
    (p) => `${setting(p.what)} is the JMeter property ${p.name}: its default ${p.value} was used`,
  ),
  number_variable: entry(["what", "name", "value"], (p) => `${setting(p.what)} is the variable ${p.name}: its value ${p.value} was used`),
  number_random: entry(
    ["what", "min", "max", "value"],
    (p) => `${setting(p.what)} is random between ${p.min} and ${p.max}: the middle, ${p.value}, was used`,
  ),
  number_unreadable: entry(["what", "raw"], (p) => `${setting(p.what)} "${p.raw}" is not a number we can read; left out`),
  csv_delimiter: entry(["delimiter"], (p) => `the delimiter "${p.delimiter}" is longer than one character: "," was used`),
  csv_sharing: entry(["mode"], (p) => `sharing mode ${p.mode} became shared by all VUs`),
  csv_ignore_first_line: say("“ignore first line” with named columns: the first line is read as data"),
  csv_recycle: say("“recycle on EOF: false” without stopping the thread became recycling"),
  csv_file: entry(
    ["file"],
    (p) =>
      `the data file ${p.file} is not part of the plan: the CLI reads it relative to the scenario file; in the dashboard paste its rows as inline CSV`,
  ),
  // Load (thread groups).
  ramp_steps: say("ramp-up steps became an even ramp-up"),
  schedule_rows: entry(
    ["rows", "vus", "ramp", "end"],
    (p) => `${p.rows} schedule rows became one: ${p.vus} VUs ramped up over ${p.ramp} s, running until ${p.end} s`,
  ),
  startup_delay: entry(["delay"], (p) => `the startup delay of ${p.delay} s is not imported`),
  on_error: entry(["action"], (p) => `“action after a sampler error: ${p.action}” is not imported (Musterpoint continues)`),
  forever_600: say("loops forever without a scheduler duration: durationSeconds set to 600"),
  tg_invalid: say("its thread group did not make a valid scenario"),
  not_imported_see_report: say("not imported (see the report)"),
  seconds_capped: entry(
    ["what", "seconds"],
    (p) => `the ${setting(p.what)} of ${p.seconds} s is longer than the 366 days a scenario accepts: set to 366 days`,
  ),
} as const;

export type TJmxReasonCode = keyof typeof JMX_REASONS;
export type TJmxReasonParams<C extends TJmxReasonCode> = TParamsOf<typeof JMX_REASONS, C>;

/** One reason part: `jmxReason("disabled", {})`. */
export const jmxReason = codedMaker(JMX_REASONS);

/** What skip/approx take: one part by code, or several (joined with ": "). */
export type TJmxReason = TCodedMessage | readonly TCodedMessage[];

function partsOf(r: TJmxReason): readonly TCodedMessage[] {
  return "code" in r ? [r as TCodedMessage] : (r as readonly TCodedMessage[]);
}

export function jmxReasonEnglish(r: TJmxReason): string {
  return partsOf(r)
    .map((m) => (Object.hasOwn(JMX_REASONS, m.code) ? englishOf(JMX_REASONS, m.code as TJmxReasonCode, m.params as never) : m.code))
    .join(": ");
}

/** A reason as a report item holds it: `reason` (English) and `parts` by code. */
export function jmxReasonFields(r: TJmxReason): { reason: string; parts: TCodedMessage[] } {
  return { reason: jmxReasonEnglish(r), parts: partsOf(r).map((m) => ({ code: m.code, params: m.params })) };
}

/** A reason followed by another's words: "imported, but its server cannot be resolved: <why>". */
export function jmxReasonThen(first: TCodedMessage, then: TJmxReason): TJmxReason {
  return [first, ...partsOf(then)];
}
