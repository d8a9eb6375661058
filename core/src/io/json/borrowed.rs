//! The document as [`read`](super::read) deserialises it: the types of [`doc`](super::doc) for
//! everything but tasks and links, which keep their text borrowed from the document where it
//! has no escapes (no allocation per field) and are converted into the project from there.
//!
//! A [`ProjectDocument`] (what hosts build) turns into a [`BorrowedDocument`] by moving its
//! strings, so both go through the one conversion (`convert` in the parent module) and give the
//! same project and the same errors.
//! These types accept exactly the documents the [`doc`](super::doc) types accept: the reader
//! reports a document that does not deserialise by reading it again with those.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::doc::{
    AssignmentInput, BaselineInput, CalendarInput, ConstraintInput, LinkInput, OptionsInput,
    PinInput, ProjectDocument, RankingInput, ResourceInput, SplitInput, TaskInput,
};
use crate::risk::input::{CorrelationInput, EstimateInput, HistoryInput, RiskInput};

/// A key: a string (borrowed when it has no escapes) or an integer read as its decimal text,
/// as [`id_string`](super::doc::id_string) reads it.
pub(super) fn key<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    /// The visitor of a key.
    struct Key;
    impl<'de> Visitor<'de> for Key {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or integer id")
        }
        fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(s))
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(s.to_owned()))
        }
        fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(s))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(n.to_string()))
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            // `id_string` reads integers as `i64`.
            i64::try_from(n)
                .map(|n| Cow::Owned(n.to_string()))
                .map_err(|_| E::custom("expected a string or integer id"))
        }
    }
    d.deserialize_any(Key)
}

/// An optional key (present: [`key`]).
fn opt_key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    key(d).map(Some)
}

/// The visitor of a string, kept borrowed from the document when it has no escapes.
struct Text;

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
    }
}

/// A string, borrowed where it can be (serde's own `Option<Cow<str>>` always copies).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    d.deserialize_str(Text)
}

/// An optional string (`null` is none), borrowed where it can be.
fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    /// The visitor of an optional string.
    struct OptText;
    impl<'de> Visitor<'de> for OptText {
        type Value = Option<Cow<'de, str>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            text(d).map(Some)
        }
    }
    d.deserialize_option(OptText)
}

/// [`ProjectDocument`] with its tasks and links as `T` and `L`: borrowed lists of them
/// ([`Buffered`]), or their [`Count`]s for a first pass that reads everything else (the reader
/// then adds tasks and links to the project as a second pass parses them, see [`Stream`]).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct BorrowedDocument<T, L> {
    /// [`ProjectDocument::version`].
    #[serde(default)]
    pub version: Option<u64>,
    /// [`ProjectDocument::name`].
    pub name: String,
    /// [`ProjectDocument::start`].
    #[serde(default)]
    pub start: Option<String>,
    /// [`ProjectDocument::finish`].
    #[serde(default)]
    pub finish: Option<String>,
    /// [`ProjectDocument::status_date`].
    #[serde(default)]
    pub status_date: Option<String>,
    /// [`ProjectDocument::priority`].
    #[serde(default)]
    pub priority: Option<u16>,
    /// [`ProjectDocument::ranking`].
    #[serde(default)]
    pub ranking: Option<RankingInput>,
    /// [`ProjectDocument::calendar`].
    #[serde(default)]
    pub calendar: Option<String>,
    /// [`ProjectDocument::hours_per_day`].
    #[serde(default)]
    pub hours_per_day: Option<f64>,
    /// [`ProjectDocument::days_per_week`].
    #[serde(default)]
    pub days_per_week: Option<f64>,
    /// [`ProjectDocument::hours_per_week`].
    #[serde(default)]
    pub hours_per_week: Option<f64>,
    /// [`ProjectDocument::days_per_month`].
    #[serde(default)]
    pub days_per_month: Option<u32>,
    /// [`ProjectDocument::default_start_time`].
    #[serde(default)]
    pub default_start_time: Option<String>,
    /// [`ProjectDocument::default_finish_time`].
    #[serde(default)]
    pub default_finish_time: Option<String>,
    /// [`ProjectDocument::options`].
    #[serde(default)]
    pub options: Option<OptionsInput>,
    /// [`ProjectDocument::calendars`].
    #[serde(default)]
    pub calendars: Vec<CalendarInput>,
    /// [`ProjectDocument::tasks`].
    #[serde(default)]
    pub tasks: T,
    /// [`ProjectDocument::links`].
    #[serde(default)]
    pub links: L,
    /// [`ProjectDocument::resources`].
    #[serde(default)]
    pub resources: Vec<ResourceInput>,
    /// [`ProjectDocument::assignments`].
    #[serde(default)]
    pub assignments: Vec<AssignmentInput>,
    /// [`ProjectDocument::risks`].
    #[serde(default)]
    pub risks: Vec<RiskInput>,
    /// [`ProjectDocument::correlations`].
    #[serde(default)]
    pub correlations: Vec<CorrelationInput>,
    /// [`ProjectDocument::history`].
    #[serde(default)]
    pub history: Vec<HistoryInput>,
}

/// A whole document, tasks and links borrowing their text.
pub(super) type Buffered<'a> = BorrowedDocument<Vec<BorrowedTask<'a>>, Vec<BorrowedLink<'a>>>;

/// The length of a list, its elements skipped (checked as JSON only).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// The visitor of a list to count.
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Counter)
    }
}

/// The second pass over a document whose first pass read a
/// `BorrowedDocument<Count, Count>`: adds each task and each link to the reader as it is
/// parsed, so that the lists never sit in memory. Fails (and the caller reads the document
/// the ordinary way, for the error) on any error, or on links that come before the tasks.
pub(super) struct Stream<'r>(pub &'r mut super::Reader);

impl<'de> Visitor<'de> for Stream<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let r = self.0;
        let mut tasks_done = false;
        while let Some(k) = m.next_key::<Cow<'de, str>>()? {
            match &*k {
                "tasks" if !tasks_done => {
                    m.next_value_seed(Tasks(&mut *r))?;
                    r.end_tasks().map_err(de::Error::custom)?;
                    tasks_done = true;
                }
                "links" if tasks_done => m.next_value_seed(Links(&mut *r))?,
                "tasks" | "links" => return Err(de::Error::custom("links before tasks")),
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !tasks_done {
            r.end_tasks().map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// The tasks of a [`Stream`].
struct Tasks<'r>(&'r mut super::Reader);

impl<'de> DeserializeSeed<'de> for Tasks<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Tasks<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of tasks")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(t) = seq.next_element::<BorrowedTask<'de>>()? {
            self.0.task(t).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// The links of a [`Stream`].
struct Links<'r>(&'r mut super::Reader);

impl<'de> DeserializeSeed<'de> for Links<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Links<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of links")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut batch = Vec::with_capacity(super::LINK_BATCH);
        while let Some(l) = seq.next_element::<BorrowedLink<'de>>()? {
            batch.push(l);
            if batch.len() == super::LINK_BATCH {
                self.0.links(&mut batch).map_err(de::Error::custom)?;
            }
        }
        self.0.links(&mut batch).map_err(de::Error::custom)
    }
}

/// [`TaskInput`] with its text borrowed; the fields that few tasks have are boxed, to keep the
/// list of tasks small.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct BorrowedTask<'a> {
    /// [`TaskInput::id`].
    #[serde(borrow, deserialize_with = "key")]
    pub id: Cow<'a, str>,
    /// [`TaskInput::name`].
    #[serde(default, borrow, deserialize_with = "text")]
    pub name: Cow<'a, str>,
    /// [`TaskInput::duration`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub duration: Option<Cow<'a, str>>,
    /// [`TaskInput::milestone`].
    #[serde(default)]
    pub milestone: bool,
    /// [`TaskInput::parent`].
    #[serde(default, borrow, deserialize_with = "opt_key")]
    pub parent: Option<Cow<'a, str>>,
    /// [`TaskInput::calendar`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub calendar: Option<Cow<'a, str>>,
    /// [`TaskInput::constraint`].
    #[serde(default)]
    pub constraint: Option<Box<ConstraintInput>>,
    /// [`TaskInput::deadline`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub deadline: Option<Cow<'a, str>>,
    /// [`TaskInput::priority`].
    #[serde(default)]
    pub priority: Option<u16>,
    /// [`TaskInput::pinned`].
    #[serde(default)]
    pub pinned: Option<Box<PinInput>>,
    /// [`TaskInput::percent_complete`].
    #[serde(default)]
    pub percent_complete: Option<u8>,
    /// [`TaskInput::actual_start`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub actual_start: Option<Cow<'a, str>>,
    /// [`TaskInput::actual_finish`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub actual_finish: Option<Cow<'a, str>>,
    /// [`TaskInput::remaining_duration`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub remaining_duration: Option<Cow<'a, str>>,
    /// [`TaskInput::actual_work`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub actual_work: Option<Cow<'a, str>>,
    /// [`TaskInput::baselines`].
    #[serde(default)]
    pub baselines: Vec<BaselineInput>,
    /// [`TaskInput::cost`].
    #[serde(default)]
    pub cost: Option<Box<serde_json::Number>>,
    /// [`TaskInput::actual_cost`].
    #[serde(default)]
    pub actual_cost: Option<Box<serde_json::Number>>,
    /// [`TaskInput::visibility`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub visibility: Option<Cow<'a, str>>,
    /// [`TaskInput::estimate`].
    #[serde(default)]
    pub estimate: Option<Box<EstimateInput>>,
    /// [`TaskInput::splits`].
    #[serde(default)]
    pub splits: Vec<SplitInput>,
    /// [`TaskInput::work`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub work: Option<Cow<'a, str>>,
    /// [`TaskInput::task_type`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub task_type: Option<Cow<'a, str>>,
    /// [`TaskInput::effort_driven`].
    #[serde(default)]
    pub effort_driven: bool,
}

/// [`LinkInput`] with its text borrowed.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct BorrowedLink<'a> {
    /// [`LinkInput::from`].
    #[serde(borrow, deserialize_with = "key")]
    pub from: Cow<'a, str>,
    /// [`LinkInput::to`].
    #[serde(borrow, deserialize_with = "key")]
    pub to: Cow<'a, str>,
    /// [`LinkInput::kind`].
    #[serde(default, rename = "type", borrow, deserialize_with = "opt_text")]
    pub kind: Option<Cow<'a, str>>,
    /// [`LinkInput::lag`].
    #[serde(default, borrow, deserialize_with = "opt_text")]
    pub lag: Option<Cow<'a, str>>,
}

impl From<TaskInput> for BorrowedTask<'static> {
    fn from(t: TaskInput) -> Self {
        BorrowedTask {
            id: t.id.into(),
            name: t.name.into(),
            duration: t.duration.map(Cow::Owned),
            milestone: t.milestone,
            parent: t.parent.map(Cow::Owned),
            calendar: t.calendar.map(Cow::Owned),
            constraint: t.constraint.map(Box::new),
            deadline: t.deadline.map(Cow::Owned),
            priority: t.priority,
            pinned: t.pinned.map(Box::new),
            percent_complete: t.percent_complete,
            actual_start: t.actual_start.map(Cow::Owned),
            actual_finish: t.actual_finish.map(Cow::Owned),
            remaining_duration: t.remaining_duration.map(Cow::Owned),
            actual_work: t.actual_work.map(Cow::Owned),
            baselines: t.baselines,
            cost: t.cost.map(Box::new),
            actual_cost: t.actual_cost.map(Box::new),
            visibility: t.visibility.map(Cow::Owned),
            estimate: t.estimate.map(Box::new),
            splits: t.splits,
            work: t.work.map(Cow::Owned),
            task_type: t.task_type.map(Cow::Owned),
            effort_driven: t.effort_driven,
        }
    }
}

impl From<LinkInput> for BorrowedLink<'static> {
    fn from(l: LinkInput) -> Self {
        BorrowedLink {
            from: l.from.into(),
            to: l.to.into(),
            kind: l.kind.map(Cow::Owned),
            lag: l.lag.map(Cow::Owned),
        }
    }
}

impl From<ProjectDocument> for Buffered<'static> {
    fn from(d: ProjectDocument) -> Self {
        BorrowedDocument {
            version: d.version,
            name: d.name,
            start: d.start,
            finish: d.finish,
            status_date: d.status_date,
            priority: d.priority,
            ranking: d.ranking,
            calendar: d.calendar,
            hours_per_day: d.hours_per_day,
            days_per_week: d.days_per_week,
            hours_per_week: d.hours_per_week,
            days_per_month: d.days_per_month,
            default_start_time: d.default_start_time,
            default_finish_time: d.default_finish_time,
            options: d.options,
            calendars: d.calendars,
            tasks: d.tasks.into_iter().map(BorrowedTask::from).collect(),
            links: d.links.into_iter().map(BorrowedLink::from).collect(),
            resources: d.resources,
            assignments: d.assignments,
            risks: d.risks,
            correlations: d.correlations,
            history: d.history,
        }
    }
}
