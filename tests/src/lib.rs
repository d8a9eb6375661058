//! Cross-language conformance vectors: the reference runner.
//!
//! A vector (`tests/vectors/*.json`) is a JSON object:
//!
//! ```json
//! {"name": "fs-lag", "description": "…",
//!  "document": {…a jindu JSON document…},
//!  "expect": {"schedule": {…}} | {"error": {"code": "cycle", "task": "A", "field": null, "message": "…"}},
//!  "edits": [{"edit": {"op": "set_duration", …}, "expect": {"diff": {…}} | {"error": {…}}}],
//!  "final": {…the schedule after all edits…},
//!  "risk": [{"options": {…a jindu::risk::RiskRequest…},
//!            "expect": {"report": {…}} | {"error": {…}},
//!            "hand": {"working": ["…"], "values": {"finish.mean_working_days": {"value": 6.4, "within": 0.06}}}}],
//!  "track": [{"options": {…a jindu::track::TrackRequest…},
//!             "changes": {"changes": [{"op": "set_duration", …}]},
//!             "expect": {"evm": {…}, "alerts": […], "buffers": {…}, "variance": {…},
//!                        "report": {"en": {…}, "zh-CN": {…}}, "whatif": {…}} | {"error": {…}},
//!             "hand": {"working": ["…"], "values": {"evm.pv": {"value": 10000.0, "within": 1e-9}}}}],
//!  "load": [{"portfolio": [{…more documents…}], "options": {…a jindu::level::LoadRequest…},
//!            "expect": {"loading": {…}} | {"error": {…}}, "hand": {…as track's…}}],
//!  "level": [{"portfolio": [{…}], "options": {…a jindu::level::LevelRequest…},
//!             "expect": {"levelled": {…}} | {"error": {…}}, "hand": {…}}]}
//! ```
//!
//! `schedule` is what `jindu::io::json::write_schedule` writes, `diff` what
//! `jindu::io::json::write_diff` writes. Every language binding runs every vector and compares
//! its results with the expectations after [`canonical`] formatting.
//!
//! Runners pass documents and edits to jindu as [`canonical`] text (sorted keys, no
//! whitespace), so that error messages that carry a line and column agree everywhere.
//!
//! # Hand-computed values
//!
//! `expect`, the edits' `expect` and `final` are written by the Rust core (the `regen` tool),
//! so they show that the bindings agree with it, not that it is right. A vector may therefore
//! also carry a `hand` section, worked out with pencil and paper from the rules in
//! `core/DESIGN.md`:
//!
//! ```json
//! "hand": {
//!   "working": ["the arithmetic, step by step", "…"],
//!   "project_start": "2026-01-05T08:00:00",
//!   "project_finish": "2026-01-26T17:00:00",
//!   "critical_path": ["A", "D", "F", "H"],
//!   "tasks": {"A": {"early_start": "…", "early_finish": "…", "late_start": "…",
//!                   "late_finish": "…", "total_float_minutes": 0,
//!                   "free_float_minutes": 0, "critical": true}},
//!   "violations": [{"kind": "deadline_missed", "task": "M", "required": "…", "actual": "…"}]
//! }
//! ```
//!
//! `working` (required, non-empty) shows how the values were derived. `tasks` (required,
//! non-empty) maps task ids to any of [`HAND_TASK_FIELDS`]; the other keys are optional and
//! compared whole. Every value is compared, after [`canonical`] formatting, with the same field
//! of the schedule that the runner's binding computes for the vector's document (never with
//! `expect`), in every runner: Rust (`tests/tests/vectors.rs`), Node, Python and Kotlin.
//!
//! A `risk` run's `hand` (see [`check_risk_hand`]) gives closed-form values of the Monte Carlo
//! report by dotted path, each with the tolerance `within` that sampling allows (about four
//! standard errors at the run's iteration count); the Rust runner checks them, and every
//! binding must reproduce `expect` exactly (the same seed gives the same report everywhere).
//!
//! A `track` entry (see [`run`]) holds what the tracking functions of every binding return at
//! the status date: earned value, alerts, buffers, variance, the status report in English and
//! Chinese and, with a `changes` set, the what-if. Its `hand` gives hand-worked values by dotted
//! path into `expect` ([`check_values`], [`lookup`]); every runner compares them with what its
//! own binding computed ([`check_track_hand`] here).
//!
//! A `load` or `level` entry runs resource loading or levelling on the vector's `document`
//! followed by the entry's `portfolio` documents (one resource pool: the same resource id is
//! one resource); its `hand` gives values by dotted path into the result, as a `track`
//! entry's does ([`check_resource_hand`]).
//!
//! `hand` lives in the source vector (`tests/vectors/src/`) and is copied through unchanged;
//! `regen` never computes it, and refuses to write any vector whose schedule contradicts it.

use jindu::io::json;
use jindu::{Engine, Error};
use serde_json::{json, Map, Value};

/// Every conformance vector in `tests/vectors/` (the generated files, not their sources), as
/// `(file name, vector)` sorted by name: the one loader the Rust runners share.
pub fn vectors() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a vector is readable");
            let name = p
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            (name, serde_json::from_str(&text).expect("a vector is JSON"))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Serialises a JSON value with object keys sorted and no whitespace, the form in which all
/// bindings compare results.
///
/// ```
/// let v: serde_json::Value = serde_json::from_str(r#"{"b": 1, "a": [true, null]}"#).unwrap();
/// assert_eq!(jindu_conformance::canonical(&v), r#"{"a":[true,null],"b":1}"#);
/// ```
pub fn canonical(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                let mut out = Map::new();
                for k in keys {
                    out.insert(k.clone(), sort(&m[k]));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            v => v.clone(),
        }
    }
    serde_json::to_string(&sort(v)).expect("JSON values serialise")
}

/// The `error` object of a vector: code, task, field and message.
pub fn error_json(e: &Error) -> Value {
    json!({
        "code": e.code().as_str(),
        "task": e.task_id().map(|t| t.as_str()),
        "field": e.field(),
        "message": e.to_string(),
    })
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("jindu writes valid JSON")
}

/// Runs a vector's `document`, `edits`, `risk` and `track` entries through the Rust core and
/// returns the vector with `expect`, each edit's `expect`, `final` and each entry's `expect`
/// filled in from the results.
pub fn run(vector: &Value) -> Value {
    let mut out = vector.clone();
    let doc_text = canonical(&vector["document"]);
    let doc = match json::read(&doc_text) {
        Ok(d) => d,
        Err(e) => {
            out["expect"] = json!({ "error": error_json(&e) });
            return out;
        }
    };
    match jindu::schedule(&doc.project, &doc.options) {
        Ok(s) => {
            out["expect"] = json!({ "schedule": parse(&json::write_schedule(&doc.project, &s)) })
        }
        Err(e) => {
            out["expect"] = json!({ "error": error_json(&e) });
            return out;
        }
    }
    if let Some(runs) = vector.get("risk").and_then(Value::as_array) {
        let runs = runs
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r["expect"] = run_risk(&doc.project, &doc.options, &r["options"]);
                r
            })
            .collect();
        out["risk"] = Value::Array(runs);
    }
    if let Some(entries) = vector.get("track").and_then(Value::as_array) {
        let entries = entries
            .iter()
            .map(|t| {
                let mut t = t.clone();
                t["expect"] = run_track(&doc.project, &doc.options, &t);
                t
            })
            .collect();
        out["track"] = Value::Array(entries);
    }
    for (list, f) in [
        ("load", run_load as fn(&[Value], &Value) -> Value),
        ("level", run_level),
    ] {
        if let Some(entries) = vector.get(list).and_then(Value::as_array) {
            let entries = entries
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    let docs = documents_of(vector, &e);
                    e["expect"] = f(&docs, &e["options"]);
                    e
                })
                .collect();
            out[list] = Value::Array(entries);
        }
    }
    let Some(edits) = vector.get("edits").and_then(Value::as_array) else {
        return out;
    };
    let mut engine = Engine::new(doc.project, doc.options).expect("scheduled above");
    let mut results = Vec::new();
    for step in edits {
        let edit_text = canonical(&step["edit"]);
        let result = match json::read_edit(&edit_text, engine.project()) {
            Ok(e) => engine.apply(e),
            Err(e) => Err(e),
        };
        let expect = match result {
            Ok(d) => {
                json!({ "diff": parse(&json::write_diff(&d)) })
            }
            Err(e) => json!({ "error": error_json(&e) }),
        };
        results.push(json!({ "edit": step["edit"].clone(), "expect": expect }));
    }
    out["edits"] = Value::Array(results);
    out["final"] = parse(&json::write_schedule(engine.project(), &engine.schedule()));
    out
}

/// One `risk` run: the report for `options` (read as the options' [`canonical`] text, as every
/// binding passes it), or the error.
fn run_risk(project: &jindu::Project, schedule: &jindu::ScheduleOptions, options: &Value) -> Value {
    let report = jindu::risk::RiskRequest::from_json(&canonical(options))
        .and_then(|r| r.options(project, *schedule))
        .and_then(|o| jindu::risk::simulate(project, &o, Default::default()));
    match report {
        Ok(r) => json!({ "report": parse(&r.to_json()) }),
        Err(e) => json!({ "error": error_json(&e) }),
    }
}

/// The tracking request of a `track` entry, read as the options' [`canonical`] text (as every
/// binding passes it): the core's tracking and report options.
fn track_request(
    options: &Value,
) -> jindu::Result<(jindu::track::TrackOptions, jindu::track::ReportOptions)> {
    jindu::track::TrackRequest::from_json(&canonical(options))?.to_core()
}

/// The languages every `track` entry's status report is written in, as `expect.report` keys.
pub const TRACK_REPORT_LANGS: [&str; 2] = ["en", "zh-CN"];

/// One `track` entry: for its `options` (a [`jindu::track::TrackRequest`]), what the bindings'
/// tracking functions return, as one object: `evm`, `alerts` (in the options' language),
/// `buffers`, `variance`, `report` (the status report as JSON in each of
/// [`TRACK_REPORT_LANGS`], the options' `lang` and `format` set so) and, when the entry has a
/// `changes` set, `whatif`. The first failure instead gives `{"error": …}` (every function
/// reads the same options and measures the same status, so they fail alike; a change set that
/// is refused fails the entry).
fn run_track(project: &jindu::Project, schedule: &jindu::ScheduleOptions, entry: &Value) -> Value {
    use jindu::track::{self, Shape, Status};
    let result = (|| -> jindu::Result<Value> {
        let (t, r) = track_request(&entry["options"])?;
        let st = Status::new(project, schedule, &t)?;
        let mut out = json!({
            "evm": text(&st.evm()),
            "alerts": text(&st.alerts(r.lang)),
            "buffers": text(&st.buffers()),
            "variance": text(&st.variance()),
        });
        let mut reports = Map::new();
        for lang in TRACK_REPORT_LANGS {
            let ro = track::ReportOptions {
                lang: lang.parse()?,
                ..r.clone()
            };
            let json = st
                .report(&ro)
                .render(Shape::Json, project.settings().minutes_per_day);
            reports.insert(lang.to_owned(), parse(&json));
        }
        out["report"] = Value::Object(reports);
        if let Some(changes) = entry.get("changes") {
            let set = track::ChangeSet::from_json(&canonical(changes))?;
            out["whatif"] = text(&track::whatif(project, schedule, &set, &t)?);
        }
        Ok(out)
    })();
    result.unwrap_or_else(|e| json!({ "error": error_json(&e) }))
}

/// The documents of a `load` or `level` entry: the vector's `document`, then the entry's
/// `portfolio` (the bindings take them in this order).
pub fn documents_of(vector: &Value, entry: &Value) -> Vec<Value> {
    let mut docs = vec![vector["document"].clone()];
    if let Some(more) = entry.get("portfolio").and_then(Value::as_array) {
        docs.extend(more.iter().cloned());
    }
    docs
}

/// One `load` entry: the loading of `docs` (each scheduled with its own options) for
/// `options` (a [`jindu::level::LoadRequest`]), as `{"loading": …}`, or the error.
fn run_load(docs: &[Value], options: &Value) -> Value {
    let result = (|| -> jindu::Result<Value> {
        let o = jindu::level::LoadRequest::from_json(&canonical(options))?.options()?;
        let mut scheduled = Vec::with_capacity(docs.len());
        for d in docs {
            let doc = json::read(&canonical(d))?;
            let s = jindu::schedule(&doc.project, &doc.options)?;
            scheduled.push((doc.project, s));
        }
        let refs: Vec<_> = scheduled.iter().map(|(p, s)| (p, s)).collect();
        Ok(json!({ "loading": text(&jindu::level::load(&refs, &o)?) }))
    })();
    result.unwrap_or_else(|e| json!({ "error": error_json(&e) }))
}

/// One `level` entry: the levelling of `docs` (each scheduled with its own options) for
/// `options` (a [`jindu::level::LevelRequest`], read as the options' [`canonical`] text as
/// every binding passes it), as `{"levelled": …}`, or the error.
fn run_level(docs: &[Value], options: &Value) -> Value {
    let result = (|| -> jindu::Result<Value> {
        let o = jindu::level::LevelRequest::from_json(&canonical(options))?.options()?;
        let mut read = Vec::with_capacity(docs.len());
        for d in docs {
            read.push(json::read(&canonical(d))?);
        }
        let refs: Vec<_> = read.iter().map(|d| (&d.project, d.options)).collect();
        let l = jindu::level::level_each(&refs, &o, jindu::control::Control::default())?;
        Ok(json!({ "levelled": text(&l) }))
    })();
    result.unwrap_or_else(|e| json!({ "error": error_json(&e) }))
}

/// Checks the `hand` section of every `load` and `level` entry of a vector against its
/// result (`loading.resources.ana.periods.0.cost`, `levelled.projects.0.delays`, … see
/// [`check_values`]). Returns the number of values compared.
pub fn check_resource_hand(vector: &Value) -> Result<usize, String> {
    fn ok(e: &Value) -> Option<&Value> {
        e.get("error").is_none().then_some(e)
    }
    let mut n = check_entries_hand(vector, "load", ok)?;
    n += check_entries_hand(vector, "level", ok)?;
    Ok(n)
}

/// A tracking result as the bindings write it (JSON text), read back.
fn text<T: serde::Serialize>(v: &T) -> Value {
    parse(&serde_json::to_string(v).expect("tracking results serialise"))
}

/// Checks the `hand` section of every `risk` run of a vector against the report it expects
/// (see [`check_values`]). Returns the number of values compared; `Err` lists every malformed
/// entry and disagreement.
pub fn check_risk_hand(vector: &Value) -> Result<usize, String> {
    check_entries_hand(vector, "risk", |expect| expect.get("report"))
}

/// Checks the `hand` section of every `track` entry of a vector against the results it
/// expects (the `expect` object: `evm.pv`, `whatif.moved.*.id`, … see [`check_values`]).
/// Returns the number of values compared; `Err` lists every malformed entry and disagreement.
pub fn check_track_hand(vector: &Value) -> Result<usize, String> {
    check_entries_hand(vector, "track", |expect| {
        expect.get("error").is_none().then_some(expect)
    })
}

/// The `hand` sections of the entries of `vector[list]`, each checked against
/// `result(entry.expect)` (`None`: the entry fails).
fn check_entries_hand(
    vector: &Value,
    list: &str,
    result: impl Fn(&Value) -> Option<&Value>,
) -> Result<usize, String> {
    let mut problems = Vec::new();
    let mut compared = 0;
    for (k, entry) in vector
        .get(list)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(hand) = entry.get("hand") else {
            continue;
        };
        let Some(got) = result(&entry["expect"]) else {
            problems.push(format!(
                "{list}[{k}]: a hand section on an entry that fails"
            ));
            continue;
        };
        let (n, p) = check_values(hand, got);
        compared += n;
        problems.extend(p.into_iter().map(|p| format!("{list}[{k}].{p}")));
    }
    if problems.is_empty() {
        Ok(compared)
    } else {
        Err(problems.join("\n"))
    }
}

/// Compares a `hand` section of hand-worked values (`{"working": ["…"], "values": {…}}`) with
/// `result`, a result a runner computed: each `values` entry (`"finish.mean_working_days":
/// {"value": 6.4, "within": 0.06}`, a dotted path, see [`lookup`]) must be within `within` of
/// `value`, or, without `within`, equal to it after [`canonical`] formatting. Returns how many
/// values were compared and every malformed entry and disagreement; the Node, Python and
/// Kotlin runners have the same check.
///
/// ```
/// use serde_json::json;
/// let hand = json!({"working": ["EV = 50 % of 900"], "values": {
///     "ev": {"value": 450.0}, "spi": {"value": 0.75, "within": 1e-9},
///     "moved.*.id": {"value": ["B"]}}});
/// let got = json!({"ev": 450.0, "spi": 0.75, "moved": [{"id": "B", "by": 2}]});
/// assert_eq!(jindu_conformance::check_values(&hand, &got), (3, vec![]));
/// let (_, wrong) = jindu_conformance::check_values(&hand, &json!({"ev": 400.0}));
/// assert_eq!(wrong.len(), 3);
/// ```
pub fn check_values(hand: &Value, result: &Value) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut compared = 0;
    let working_ok = hand["working"].as_array().is_some_and(|w| {
        !w.is_empty() && w.iter().all(|l| l.as_str().is_some_and(|s| !s.is_empty()))
    });
    if !working_ok {
        problems.push("hand.working: a non-empty list of strings is required".to_owned());
    }
    for k in hand.as_object().into_iter().flat_map(|m| m.keys()) {
        if k != "working" && k != "values" {
            problems.push(format!("hand.{k}: unknown field"));
        }
    }
    let Some(values) = hand["values"].as_object().filter(|v| !v.is_empty()) else {
        problems.push("hand.values: a non-empty object is required".to_owned());
        return (compared, problems);
    };
    for (path, want) in values {
        compared += 1;
        let got = lookup(result, path);
        let ok = match (
            got.as_ref().and_then(Value::as_f64),
            want["value"].as_f64(),
            want.get("within").map(Value::as_f64),
        ) {
            (Some(g), Some(w), Some(Some(tol))) => (g - w).abs() <= tol,
            (_, _, None) => got.as_ref().map(canonical) == Some(canonical(&want["value"])),
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "hand.values.{path}: hand {} but computed {}",
                canonical(want),
                got.as_ref().map_or("nothing".to_owned(), canonical)
            ));
        }
    }
    (compared, problems)
}

/// The value at a dotted path of a result: a key of an object; in a list, a number indexes it,
/// `*` takes the rest of the path in every item (a list of the values found), and any other
/// word finds the item with that `id` (`tasks.A.ev`, `moved.*.id`).
///
/// ```
/// let v = serde_json::json!({"tasks": [{"id": "A", "ev": 1}, {"id": "B", "ev": 2}]});
/// assert_eq!(jindu_conformance::lookup(&v, "tasks.B.ev"), Some(2.into()));
/// assert_eq!(jindu_conformance::lookup(&v, "tasks.*.id"), Some(serde_json::json!(["A", "B"])));
/// assert_eq!(jindu_conformance::lookup(&v, "tasks.2.ev"), None);
/// ```
pub fn lookup(v: &Value, path: &str) -> Option<Value> {
    let (part, rest) = match path.split_once('.') {
        Some((p, r)) => (p, Some(r)),
        None => (path, None),
    };
    let next = match v {
        Value::Array(items) if part == "*" => {
            return items
                .iter()
                .map(|x| match rest {
                    Some(r) => lookup(x, r),
                    None => Some(x.clone()),
                })
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array);
        }
        Value::Array(items) => match part.parse::<usize>() {
            Ok(i) => items.get(i),
            Err(_) => items.iter().find(|x| x["id"] == part),
        },
        Value::Object(m) => m.get(part),
        _ => None,
    }?;
    match rest {
        Some(r) => lookup(next, r),
        None => Some(next.clone()),
    }
}

/// The fields a `hand` task entry may give (those of `write_schedule`'s task objects).
pub const HAND_TASK_FIELDS: [&str; 9] = [
    "start",
    "finish",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_float_minutes",
    "free_float_minutes",
    "critical",
];

/// The schedule-level fields a `hand` section may give besides `working` and `tasks`.
pub const HAND_SCHEDULE_FIELDS: [&str; 4] = [
    "project_start",
    "project_finish",
    "critical_path",
    "violations",
];

/// Checks a vector's `hand` section (if any) against `schedule`, a schedule as
/// `write_schedule` writes it. Returns the number of values compared (0 without a `hand`
/// section); `Err` lists every malformed entry and every disagreement.
pub fn check_hand(vector: &Value, schedule: &Value) -> Result<usize, String> {
    let Some(hand) = vector.get("hand") else {
        return Ok(0);
    };
    let mut problems = Vec::new();
    let mut compared = 0;
    let Some(h) = hand.as_object() else {
        return Err("hand: not an object".to_owned());
    };
    for k in h.keys() {
        if k != "working" && k != "tasks" && !HAND_SCHEDULE_FIELDS.contains(&k.as_str()) {
            problems.push(format!("hand.{k}: unknown field"));
        }
    }
    let working_ok = h.get("working").and_then(Value::as_array).is_some_and(|w| {
        !w.is_empty() && w.iter().all(|l| l.as_str().is_some_and(|s| !s.is_empty()))
    });
    if !working_ok {
        problems.push("hand.working: a non-empty list of strings is required".to_owned());
    }
    let differs = |what: String, want: &Value, got: Option<&Value>| {
        (got.map(canonical) != Some(canonical(want))).then(|| {
            format!(
                "{what}: hand {} but computed {}",
                canonical(want),
                got.map_or("nothing".to_owned(), canonical)
            )
        })
    };
    for f in HAND_SCHEDULE_FIELDS {
        if let Some(want) = h.get(f) {
            compared += 1;
            problems.extend(differs(format!("hand.{f}"), want, schedule.get(f)));
        }
    }
    match h.get("tasks").and_then(Value::as_object) {
        Some(tasks) if !tasks.is_empty() => {
            let got_tasks = schedule["tasks"].as_array().cloned().unwrap_or_default();
            for (id, fields) in tasks {
                let got = got_tasks.iter().find(|t| t["id"] == id.as_str());
                let Some(fields) = fields.as_object().filter(|f| !f.is_empty()) else {
                    problems.push(format!("hand.tasks.{id}: a non-empty object is required"));
                    continue;
                };
                for (f, want) in fields {
                    if !HAND_TASK_FIELDS.contains(&f.as_str()) {
                        problems.push(format!("hand.tasks.{id}.{f}: unknown field"));
                        continue;
                    }
                    compared += 1;
                    problems.extend(differs(
                        format!("hand.tasks.{id}.{f}"),
                        want,
                        got.and_then(|t| t.get(f)),
                    ));
                }
            }
        }
        _ => problems.push("hand.tasks: a non-empty object is required".to_owned()),
    }
    if problems.is_empty() {
        Ok(compared)
    } else {
        Err(problems.join("\n"))
    }
}

/// A vector without what [`run`] writes (`expect`, each edit's `expect`, `final`): what its
/// source in `tests/vectors/src/` must be.
pub fn source_of(vector: &Value) -> Value {
    let mut v = vector.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("expect");
        m.remove("final");
    }
    for list in ["edits", "risk", "track", "load", "level"] {
        for step in v
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(m) = step.as_object_mut() {
                m.remove("expect");
            }
        }
    }
    v
}

/// Runs a source vector ([`run`]) and checks its `hand` section against the schedule the core
/// computed: the vector to write, or why it must not be written (a `hand` section on a vector
/// whose document fails, or a contradiction).
pub fn regenerate(source: &Value) -> Result<Value, String> {
    let full = run(source);
    check_risk_hand(&full)?;
    check_track_hand(&full)?;
    check_resource_hand(&full)?;
    if source.get("hand").is_none() {
        return Ok(full);
    }
    let Some(schedule) = full["expect"].get("schedule") else {
        return Err(format!(
            "has a hand section but its document fails: {}",
            canonical(&full["expect"])
        ));
    };
    check_hand(&full, schedule)?;
    Ok(full)
}
