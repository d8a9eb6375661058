//! The `Schedule` object of a big plan, built cheaply: instead of writing the schedule as JSON
//! and parsing megabytes of it with `JSON.parse`, the binding hands JavaScript each distinct
//! string once (task keys, names, and the few distinct dates, durations and lags) and the
//! tasks as indices into them in typed arrays; a small JavaScript function then builds the
//! objects. The result is the same value `JSON.parse` of the core's schedule JSON gives, in
//! the same key order (the conformance vectors check every field through `schedule`).
//!
//! The function is made with `new Function` once; where that is not allowed (a page whose
//! Content Security Policy forbids `unsafe-eval`), the binding parses the JSON instead.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use jindu::io::json::out::{Iso, Keys, Paths, ViolationOutput, WarningOutput};
use jindu::io::json::{self, ScheduleOutput};
use jindu::{DateTime, Driver, Duration, Lag, LinkType, Project, Schedule, TaskIndex};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{json_strings, output_value, to_js};
use crate::error::Thrown;

/// Values per task in [`Parts::fields`]: start, finish, early start, early finish, late
/// start, late finish, duration, total float, free float (string indices), then the driver's
/// kind, its task (`from` or the summary's `task`), link type and lag (or [`NONE`]).
pub const FIELDS: usize = 13;

/// No string (a link driver without lag).
pub const NONE: u32 = u32::MAX;

/// The driver kinds of [`Parts::fields`] below 6, as the JSON format writes them; 6 is
/// `summary`, 7 `link`, 8 `status_date`.
#[cfg(test)]
const DRIVER_KINDS: [&str; 7] = [
    "project_start",
    "constraint",
    "pinned",
    "actual",
    "delay",
    "subtasks",
    "status_date",
];

/// The JavaScript that builds the schedule object from [`Parts`] (arguments: the strings, the
/// fields, the floats in minutes, the flags, the driving predecessors' offsets and strings, the
/// schedule-level values, the number of tasks).
const BUILD: &str = r#"
const K = ["project_start","constraint","pinned","actual","delay","subtasks",null,null,"status_date"];
const tasks = new Array(n);
for (let i = 0, b = 0; i < n; i++, b += 13) {
  const k = F[b + 9];
  let driver;
  if (k === 7) {
    const g = F[b + 12];
    driver = g === 4294967295
      ? { type: "link", from: S[F[b + 10]], link: S[F[b + 11]] }
      : { type: "link", from: S[F[b + 10]], link: S[F[b + 11]], lag: S[g] };
  } else if (k === 6) {
    driver = { type: "summary", task: S[F[b + 10]] };
  } else {
    driver = { type: K[k] };
  }
  const p0 = PO[i], p1 = PO[i + 1];
  const preds = new Array(p1 - p0);
  for (let j = p0; j < p1; j++) preds[j - p0] = S[PR[j]];
  const g = G[i];
  tasks[i] = {
    id: S[i], name: S[n + i], summary: (g & 1) !== 0, milestone: (g & 2) !== 0,
    start: S[F[b]], finish: S[F[b + 1]], early_start: S[F[b + 2]], early_finish: S[F[b + 3]],
    late_start: S[F[b + 4]], late_finish: S[F[b + 5]], duration: S[F[b + 6]],
    total_float_minutes: N[2 * i], free_float_minutes: N[2 * i + 1],
    total_float: S[F[b + 7]], free_float: S[F[b + 8]], critical: (g & 4) !== 0,
    driver, driving_predecessors: preds,
  };
}
return {
  project: H.project, project_start: H.project_start, project_finish: H.project_finish,
  critical_path: H.critical_path, critical_paths: H.critical_paths, tasks,
  violations: H.violations, warnings: H.warnings,
};
"#;

/// A schedule taken apart for the builder function; plain Rust, so native tests can check it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    /// The strings as a JSON array: the task keys (index `i` is task `i`), the names (index
    /// `n + i`), then each distinct date, duration, lag and link type once.
    pub strings_json: String,
    /// [`FIELDS`] values per task.
    pub fields: Vec<u32>,
    /// Total and free float in minutes, two per task.
    pub floats: Vec<f64>,
    /// Per task: 1 summary, 2 milestone, 4 critical.
    pub flags: Vec<u8>,
    /// Task `i`'s driving predecessors are `preds[pred_offsets[i]..pred_offsets[i + 1]]`.
    pub pred_offsets: Vec<u32>,
    /// String indices (task keys) of the driving predecessors.
    pub preds: Vec<u32>,
}

#[derive(Serialize)]
struct Head<'a> {
    project: &'a str,
    project_start: &'a Iso,
    project_finish: &'a Iso,
    critical_path: &'a Keys<'a>,
    critical_paths: &'a Paths<'a>,
    violations: &'a [ViolationOutput<'a>],
    warnings: &'a [WarningOutput<'a>],
}

/// What a string of [`Strings`] was made from (one map for all kinds keeps the binary small).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Date(i64),
    Duration(i64, bool),
    Percent(i32),
    Link(u8),
}

/// A multiplicative hasher for [`Key`]s: the default SipHash cost more than building the
/// objects.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; the table indexes by the low bits.
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, v: i64) {
        self.write_u64(v as u64);
    }

    fn write_i32(&mut self, v: i32) {
        self.write_u64(v as u64);
    }

    fn write_u8(&mut self, v: u8) {
        self.write_u64(v as u64);
    }

    fn write_isize(&mut self, v: isize) {
        self.write_u64(v as u64);
    }
}

/// Interns the texts of dates, durations, lags and link types after the keys and names.
struct Strings<'a> {
    list: Vec<Cow<'a, str>>,
    seen: HashMap<Key, u32, BuildHasherDefault<KeyHasher>>,
}

impl<'a> Strings<'a> {
    /// The index of the text of `key`, made by `text` the first time.
    fn get(&mut self, key: Key, text: impl FnOnce() -> Cow<'a, str>) -> u32 {
        if let Some(&k) = self.seen.get(&key) {
            return k;
        }
        let k = self.list.len() as u32;
        self.list.push(text());
        self.seen.insert(key, k);
        k
    }

    fn date(&mut self, t: DateTime) -> u32 {
        self.get(Key::Date(t.minutes()), || {
            Cow::Owned(String::from_utf8_lossy(&t.iso()).into_owned())
        })
    }

    fn duration(&mut self, d: Duration, p: &Project) -> u32 {
        self.get(Key::Duration(d.minutes(), d.is_elapsed()), || {
            Cow::Owned(d.display(p.settings()).to_string())
        })
    }

    fn lag(&mut self, l: Lag, p: &Project) -> u32 {
        match l {
            _ if l.is_zero() => NONE,
            Lag::Time(d) => self.duration(d, p),
            Lag::Percent(x) => self.get(Key::Percent(x), || {
                Cow::Owned(l.display(p.settings()).to_string())
            }),
        }
    }

    fn link(&mut self, kind: LinkType) -> u32 {
        let (slot, code) = match kind {
            LinkType::FinishToStart => (0, "FS"),
            LinkType::StartToStart => (1, "SS"),
            LinkType::FinishToFinish => (2, "FF"),
            LinkType::StartToFinish => (3, "SF"),
        };
        self.get(Key::Link(slot), || Cow::Borrowed(code))
    }
}

/// Schedule `s` of project `p` taken apart for the builder function.
pub fn parts(p: &Project, s: &Schedule) -> Parts {
    let n = s.tasks().len();
    let mut strings = Strings {
        list: Vec::with_capacity(2 * n + 64),
        seen: HashMap::default(),
    };
    strings
        .list
        .extend(p.tasks().iter().map(|t| Cow::Borrowed(t.id.as_str())));
    strings
        .list
        .extend(p.tasks().iter().map(|t| Cow::Borrowed(t.name.as_str())));
    let mut fields = Vec::with_capacity(FIELDS * n);
    let mut floats = Vec::with_capacity(2 * n);
    let mut flags = Vec::with_capacity(n);
    let mut pred_offsets = Vec::with_capacity(n + 1);
    let mut preds = Vec::new();
    pred_offsets.push(0);
    for (k, t) in s.tasks().iter().enumerate() {
        let i = TaskIndex::from_raw(k as u32);
        for d in [
            t.start,
            t.finish,
            t.early_start,
            t.early_finish,
            t.late_start,
            t.late_finish,
        ] {
            fields.push(strings.date(d));
        }
        for d in [t.duration, t.total_float, t.free_float] {
            fields.push(strings.duration(d, p));
        }
        let driver = match t.driver {
            Driver::ProjectStart => [0, NONE, NONE, NONE],
            Driver::Constraint => [1, NONE, NONE, NONE],
            Driver::Pinned => [2, NONE, NONE, NONE],
            Driver::Actual => [3, NONE, NONE, NONE],
            Driver::Delay => [4, NONE, NONE, NONE],
            Driver::StatusDate => [8, NONE, NONE, NONE],
            Driver::Children => [5, NONE, NONE, NONE],
            Driver::Summary(x) => [6, x.get(), NONE, NONE],
            Driver::Link(l) => {
                let l = p.link(l);
                [7, l.from.get(), strings.link(l.kind), strings.lag(l.lag, p)]
            }
        };
        fields.extend(driver);
        floats.push(t.total_float.minutes() as f64);
        floats.push(t.free_float.minutes() as f64);
        let summary = p.is_summary(i);
        let milestone = !summary && t.duration.is_zero();
        flags.push(summary as u8 | (milestone as u8) << 1 | (t.critical as u8) << 2);
        preds.extend(s.driving_links(i).iter().map(|&l| p.link(l).from.get()));
        pred_offsets.push(preds.len() as u32);
    }
    Parts {
        strings_json: json_strings(strings.list.iter().map(|s| s.as_ref())),
        fields,
        floats,
        flags,
        pred_offsets,
        preds,
    }
}

/// The schedule-level values (project, dates, critical path(s), violations, warnings) as a
/// JavaScript object.
fn head_value(p: &Project, s: &Schedule) -> Result<JsValue, Thrown> {
    let out = ScheduleOutput::new(p, s);
    to_js(&Head {
        project: &out.project,
        project_start: &out.project_start,
        project_finish: &out.project_finish,
        critical_path: &out.critical_path,
        critical_paths: &out.critical_paths,
        violations: &out.violations,
        warnings: &out.warnings,
    })
}

thread_local! {
    /// The compiled [`BUILD`], or `None` where `new Function` is not allowed.
    static BUILDER: OnceCell<Option<js_sys::Function>> = const { OnceCell::new() };
}

fn make_builder() -> Option<js_sys::Function> {
    let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Function")).ok()?;
    let ctor: js_sys::Function = ctor.dyn_into().ok()?;
    let args = js_sys::Array::of2(&JsValue::from_str("S,F,N,G,PO,PR,H,n"), &BUILD.into());
    js_sys::Reflect::construct(&ctor, &args)
        .ok()?
        .dyn_into()
        .ok()
}

/// The `Schedule` object of schedule `s` of project `p`: built from [`parts`] where
/// JavaScript may compile a function, else `JSON.parse` of the core's schedule JSON.
pub fn schedule_value(p: &Project, s: &Schedule) -> Result<JsValue, Thrown> {
    let builder = BUILDER.with(|b| b.get_or_init(make_builder).clone());
    let Some(builder) = builder else {
        return output_value(&json::write_schedule(p, s));
    };
    let x = parts(p, s);
    let args = js_sys::Array::new();
    args.push(&js_sys::JSON::parse(&x.strings_json)?);
    args.push(&js_sys::Uint32Array::from(&x.fields[..]));
    args.push(&js_sys::Float64Array::from(&x.floats[..]));
    args.push(&js_sys::Uint8Array::from(&x.flags[..]));
    args.push(&js_sys::Uint32Array::from(&x.pred_offsets[..]));
    args.push(&js_sys::Uint32Array::from(&x.preds[..]));
    args.push(&head_value(p, s)?);
    args.push(&JsValue::from_f64(s.tasks().len() as f64));
    Ok(builder.apply(&JsValue::NULL, &args)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_kinds_match_the_builder() {
        for k in DRIVER_KINDS {
            assert!(BUILD.contains(&format!("\"{k}\"")), "{k}");
        }
        assert!(BUILD.contains(&format!("b += {FIELDS}")));
        assert!(BUILD.contains(&NONE.to_string()));
    }

    #[test]
    fn strings_are_json() {
        let strings = [
            "A",
            "quote \" back \\ slash",
            "tab\tnew\nline\u{1}",
            "中文 ✓",
            "",
        ];
        let text = crate::convert::json_strings(strings.iter().copied());
        let back: Vec<String> = serde_json::from_str(&text).expect("JSON");
        assert_eq!(back, strings);
    }
}
