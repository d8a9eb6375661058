//! The JSON form of the uncertainty model: what a task's `estimate` and a document's `risks`,
//! `correlations` and `history` hold, as plain serde types (with the `schema` feature, part of
//! the document's JSON Schema), and their conversion to and from [`RiskModel`].
//!
//! ```json
//! {"tasks": [{"id": "S", "duration": "5d",
//!             "estimate": {"optimistic": "2d", "likely": "5d", "pessimistic": "14d", "distribution": "pert"}},
//!            {"id": "T", "duration": "3d",
//!             "estimate": {"distribution": "discrete", "values": [{"duration": "2d", "weight": 1}, {"duration": "6d", "weight": 3}]}},
//!            {"id": "U", "duration": "4d", "estimate": {"distribution": "history", "likely": "4d", "category": "backend"}}],
//!  "risks": [{"id": "R1", "name": "Vendor late", "probability": 0.3,
//!             "impacts": [{"task": "S", "delay": {"optimistic": "1d", "likely": "3d", "pessimistic": "8d"}}],
//!             "cost": {"optimistic": 1000, "likely": 2000, "pessimistic": 5000}},
//!            {"id": "R2", "probability": 0.1, "insert": {"id": "R2-fix", "after": ["S"], "before": ["T"], "duration": "2d"}},
//!            {"id": "R3", "probability": 0.5, "exists": ["U"]}],
//!  "correlations": [{"tasks": ["S", "T"], "coefficient": 0.6}],
//!  "history": [{"estimate": "3d", "actual": "5d", "category": "backend", "assignee": "ana"}]}
//! ```

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Item, Result};
use crate::id::TaskId;
use crate::model::Project;
use crate::time::{Duration, DurationSettings};

use super::model::{
    Amount, Contingency, Correlation, Estimate, HistoryRecord, Impact, RiskEvent, RiskModel,
};

fn key<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    crate::io::json::doc::id_string(d)
}

fn keys<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    struct K(#[serde(deserialize_with = "key")] String);
    Ok(Vec::<K>::deserialize(d)?.into_iter().map(|k| k.0).collect())
}

/// The JSON Schema of a key: a string or an integer.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum Key {
    /// A string key.
    Text(String),
    /// An integer key (read as its decimal text).
    Number(i64),
}

/// An uncertain duration: `{"optimistic": "2d", "likely": "5d", "pessimistic": "14d",
/// "distribution": "triangular"}`.
///
/// `distribution` is `triangular` (the default), `pert`, `uniform`, `normal` or `lognormal`
/// (three points: see [`Estimate`]), `discrete` (`values`: durations with whole-number
/// weights), `history` (`likely` times an estimate-to-actual ratio of the finished tasks in
/// the document's `history` with this `category` and `assignee`, the assignee defaulting to
/// the task's first assigned resource) or `fixed` (`likely` always).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Estimate"))]
#[serde(deny_unknown_fields)]
pub struct EstimateInput {
    /// The distribution (default `triangular`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    /// The optimistic duration (the least; P10 for normal and lognormal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimistic: Option<String>,
    /// The most likely duration (the mode; the median for normal and lognormal; the estimate
    /// a history ratio multiplies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely: Option<String>,
    /// The pessimistic duration (the most; P90 for normal and lognormal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pessimistic: Option<String>,
    /// The values of a discrete distribution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<DiscreteValueInput>,
    /// The kind of work, for a history estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Who does it, for a history estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// One value of a discrete estimate and its relative weight.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "DiscreteValue"))]
#[serde(deny_unknown_fields)]
pub struct DiscreteValueInput {
    /// The duration.
    pub duration: String,
    /// Its relative weight (a whole number; weights need not add up to anything).
    pub weight: u32,
}

/// A duration a risk adds: a fixed duration (`"3d"`) or an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RiskDuration"))]
#[serde(untagged)]
pub enum SpreadInput {
    /// Always this duration.
    Fixed(String),
    /// Drawn from this estimate.
    Estimate(EstimateInput),
}

impl Default for SpreadInput {
    fn default() -> SpreadInput {
        SpreadInput::Fixed(String::new())
    }
}

/// A cost: an amount, or three amounts of a triangular distribution.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RiskCost"))]
#[serde(untagged)]
pub enum CostInput {
    /// Always this amount.
    Fixed(f64),
    /// Triangular on these amounts.
    Range {
        /// The least.
        optimistic: f64,
        /// The mode.
        likely: f64,
        /// The most.
        pessimistic: f64,
    },
}

/// A task a risk delays.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RiskImpact"))]
#[serde(deny_unknown_fields)]
pub struct ImpactInput {
    /// The task's key.
    #[serde(deserialize_with = "key")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    pub task: String,
    /// The extra duration when the risk occurs.
    pub delay: SpreadInput,
}

/// A contingency task a risk inserts (linked finish-to-start after `after` and before
/// `before`; it takes its duration when the risk occurs and no time otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RiskContingency"))]
#[serde(deny_unknown_fields)]
pub struct ContingencyInput {
    /// The new task's key (not a key of the document's tasks).
    #[serde(deserialize_with = "key")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The tasks it follows.
    #[serde(
        default,
        deserialize_with = "keys",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Key>"))]
    pub after: Vec<String>,
    /// The tasks that wait for it.
    #[serde(
        default,
        deserialize_with = "keys",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Key>"))]
    pub before: Vec<String>,
    /// How long it takes when the risk occurs.
    pub duration: SpreadInput,
}

/// An event of the risk register.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Risk"))]
#[serde(deny_unknown_fields)]
pub struct RiskInput {
    /// The risk's key.
    #[serde(deserialize_with = "key")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The chance it occurs in an iteration, 0 to 1.
    pub probability: f64,
    /// Extra duration on the tasks it hits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impacts: Vec<ImpactInput>,
    /// A contingency task it inserts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insert: Option<ContingencyInput>,
    /// Tasks that exist only when it occurs (they take no time otherwise).
    #[serde(
        default,
        deserialize_with = "keys",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Key>"))]
    pub exists: Vec<String>,
    /// What it costs when it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostInput>,
}

/// Task durations that move together: every pair of `tasks` gets the rank correlation
/// `coefficient`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Correlation"))]
#[serde(deny_unknown_fields)]
pub struct CorrelationInput {
    /// The tasks (two or more).
    #[serde(deserialize_with = "keys")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Key>"))]
    pub tasks: Vec<String>,
    /// The rank correlation of each pair, -1 to 1.
    pub coefficient: f64,
}

/// A finished task: what was estimated and what it took.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "HistoryRecord"))]
#[serde(deny_unknown_fields)]
pub struct HistoryInput {
    /// The estimate.
    pub estimate: String,
    /// What it took.
    pub actual: String,
    /// The kind of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// The task's key, for the record (not used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
}

fn dur(s: &str, settings: &DurationSettings, item: &Item, field: &str) -> Result<Duration> {
    Duration::parse(s, settings).map_err(|e| e.at(item, field))
}

impl EstimateInput {
    /// The estimate this input stands for, durations read with `settings`; errors name
    /// `item` and the field under `field`.
    ///
    /// ```
    /// use jindu::risk::{input::EstimateInput, Estimate};
    /// use jindu::{Duration, DurationSettings, Item};
    /// let e = EstimateInput { optimistic: Some("2d".into()), likely: Some("5d".into()),
    ///     pessimistic: Some("14d".into()), ..Default::default() };
    /// let got = e.to_estimate(&DurationSettings::default(), &Item::Task("A".into()), "estimate")?;
    /// assert_eq!(got, Estimate::Triangular { optimistic: Duration::days(2), likely: Duration::days(5), pessimistic: Duration::days(14) });
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn to_estimate(
        &self,
        settings: &DurationSettings,
        item: &Item,
        field: &str,
    ) -> Result<Estimate> {
        let get = |v: &Option<String>, name: &str| -> Result<Duration> {
            let f = format!("{field}.{name}");
            match v {
                Some(s) => dur(s, settings, item, &f),
                None => Err(Error::invalid(
                    item.clone(),
                    &f,
                    format!("this distribution needs `{name}`"),
                )),
            }
        };
        let kind = self.distribution.as_deref().unwrap_or("triangular");
        let three = || -> Result<(Duration, Duration, Duration)> {
            Ok((
                get(&self.optimistic, "optimistic")?,
                get(&self.likely, "likely")?,
                get(&self.pessimistic, "pessimistic")?,
            ))
        };
        let e = match kind {
            "triangular" => {
                let (optimistic, likely, pessimistic) = three()?;
                Estimate::Triangular {
                    optimistic,
                    likely,
                    pessimistic,
                }
            }
            "pert" => {
                let (optimistic, likely, pessimistic) = three()?;
                Estimate::Pert {
                    optimistic,
                    likely,
                    pessimistic,
                }
            }
            "normal" => {
                let (optimistic, likely, pessimistic) = three()?;
                Estimate::Normal {
                    optimistic,
                    likely,
                    pessimistic,
                }
            }
            "lognormal" => {
                let (optimistic, likely, pessimistic) = three()?;
                Estimate::Lognormal {
                    optimistic,
                    likely,
                    pessimistic,
                }
            }
            "uniform" => {
                let (optimistic, pessimistic) = (
                    get(&self.optimistic, "optimistic")?,
                    get(&self.pessimistic, "pessimistic")?,
                );
                if let Some(l) = &self.likely {
                    let l = dur(l, settings, item, &format!("{field}.likely"))?;
                    if l.minutes() < optimistic.minutes() || l.minutes() > pessimistic.minutes() {
                        return Err(Error::invalid(
                            item.clone(),
                            &format!("{field}.likely"),
                            "the likely duration must lie between the optimistic and pessimistic ones",
                        ));
                    }
                }
                Estimate::Uniform {
                    optimistic,
                    pessimistic,
                }
            }
            "discrete" => Estimate::Discrete(
                self.values
                    .iter()
                    .map(|v| {
                        Ok((
                            dur(&v.duration, settings, item, &format!("{field}.values"))?,
                            v.weight,
                        ))
                    })
                    .collect::<Result<_>>()?,
            ),
            "history" => Estimate::History {
                likely: get(&self.likely, "likely")?,
                category: self.category.clone(),
                assignee: self.assignee.clone(),
            },
            "fixed" => Estimate::Fixed(get(&self.likely, "likely")?),
            other => {
                return Err(Error::invalid(
                    item.clone(),
                    &format!("{field}.distribution"),
                    format!(
                        "unknown distribution {other:?}: expected triangular, pert, uniform, \
                         normal, lognormal, discrete, history or fixed"
                    ),
                ))
            }
        };
        let extra = match kind {
            "discrete" => {
                self.optimistic.is_some() || self.likely.is_some() || self.pessimistic.is_some()
            }
            _ => !self.values.is_empty(),
        } || (kind != "history"
            && (self.category.is_some() || self.assignee.is_some()));
        if extra {
            return Err(Error::invalid(
                item.clone(),
                field,
                format!("a {kind} estimate has fields it does not use"),
            ));
        }
        e.check(item, field)?;
        Ok(e)
    }

    /// The input form of `e`, durations written with `settings`.
    pub fn of(e: &Estimate, settings: &DurationSettings) -> EstimateInput {
        let t = |d: &Duration| Some(d.display(settings).to_string());
        let mut x = EstimateInput::default();
        let three = |x: &mut EstimateInput, kind: &str, o, l, p| {
            x.distribution = (kind != "triangular").then(|| kind.to_owned());
            x.optimistic = t(o);
            x.likely = t(l);
            x.pessimistic = t(p);
        };
        match e {
            Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            } => three(&mut x, "triangular", optimistic, likely, pessimistic),
            Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            } => three(&mut x, "pert", optimistic, likely, pessimistic),
            Estimate::Normal {
                optimistic,
                likely,
                pessimistic,
            } => three(&mut x, "normal", optimistic, likely, pessimistic),
            Estimate::Lognormal {
                optimistic,
                likely,
                pessimistic,
            } => three(&mut x, "lognormal", optimistic, likely, pessimistic),
            Estimate::Uniform {
                optimistic,
                pessimistic,
            } => {
                x.distribution = Some("uniform".into());
                x.optimistic = t(optimistic);
                x.pessimistic = t(pessimistic);
            }
            Estimate::Discrete(v) => {
                x.distribution = Some("discrete".into());
                x.values = v
                    .iter()
                    .map(|(d, w)| DiscreteValueInput {
                        duration: d.display(settings).to_string(),
                        weight: *w,
                    })
                    .collect();
            }
            Estimate::History {
                likely,
                category,
                assignee,
            } => {
                x.distribution = Some("history".into());
                x.likely = t(likely);
                x.category = category.clone();
                x.assignee = assignee.clone();
            }
            Estimate::Fixed(d) => {
                x.distribution = Some("fixed".into());
                x.likely = t(d);
            }
        }
        x
    }
}

impl SpreadInput {
    fn to_estimate(&self, s: &DurationSettings, item: &Item, field: &str) -> Result<Estimate> {
        match self {
            SpreadInput::Fixed(d) => {
                let e = Estimate::Fixed(dur(d, s, item, field)?);
                e.check(item, field)?;
                Ok(e)
            }
            SpreadInput::Estimate(e) => e.to_estimate(s, item, field),
        }
    }

    fn of(e: &Estimate, s: &DurationSettings) -> SpreadInput {
        match e {
            Estimate::Fixed(d) => SpreadInput::Fixed(d.display(s).to_string()),
            e => SpreadInput::Estimate(EstimateInput::of(e, s)),
        }
    }
}

/// The risk parts of a document, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskInputs {
    /// Per task key, its `estimate`.
    pub estimates: Vec<(String, EstimateInput)>,
    /// `risks`.
    pub risks: Vec<RiskInput>,
    /// `correlations`.
    pub correlations: Vec<CorrelationInput>,
    /// `history`.
    pub history: Vec<HistoryInput>,
}

impl RiskInputs {
    /// The model these inputs describe for `project` (durations read with its settings),
    /// checked against it.
    pub fn to_model(&self, project: &Project) -> Result<RiskModel> {
        let s = project.settings();
        let mut m = RiskModel::default();
        for (id, e) in &self.estimates {
            let item = Item::Task(TaskId::new(id.clone()));
            m.estimates.insert(
                TaskId::new(id.clone()),
                e.to_estimate(s, &item, "estimate")?,
            );
        }
        for (k, r) in self.risks.iter().enumerate() {
            let item = if r.id.is_empty() {
                Item::Path(format!("risks[{k}]"))
            } else {
                Item::Risk(r.id.clone())
            };
            let cost = match r.cost {
                None => None,
                Some(CostInput::Fixed(x)) => Some(Amount::fixed(x)),
                Some(CostInput::Range {
                    optimistic,
                    likely,
                    pessimistic,
                }) => Some(Amount {
                    optimistic,
                    likely,
                    pessimistic,
                }),
            };
            m.risks.push(RiskEvent {
                id: r.id.clone(),
                name: r.name.clone(),
                probability: r.probability,
                impacts: r
                    .impacts
                    .iter()
                    .map(|i| {
                        Ok(Impact {
                            task: TaskId::new(i.task.clone()),
                            delay: i.delay.to_estimate(s, &item, "impacts.delay")?,
                        })
                    })
                    .collect::<Result<_>>()?,
                contingency: r
                    .insert
                    .as_ref()
                    .map(|c| {
                        Ok::<_, Error>(Contingency {
                            task: TaskId::new(c.id.clone()),
                            name: c.name.clone(),
                            after: c.after.iter().map(|x| TaskId::new(x.clone())).collect(),
                            before: c.before.iter().map(|x| TaskId::new(x.clone())).collect(),
                            duration: c.duration.to_estimate(s, &item, "insert.duration")?,
                        })
                    })
                    .transpose()?,
                exists: r.exists.iter().map(|x| TaskId::new(x.clone())).collect(),
                cost,
            });
        }
        for c in &self.correlations {
            m.correlations.push(Correlation {
                tasks: c.tasks.iter().map(|x| TaskId::new(x.clone())).collect(),
                coefficient: c.coefficient,
            });
        }
        for (k, h) in self.history.iter().enumerate() {
            let item = Item::Path(format!("history[{k}]"));
            m.history.push(HistoryRecord {
                estimate: dur(&h.estimate, s, &item, "estimate")?,
                actual: dur(&h.actual, s, &item, "actual")?,
                category: h.category.clone(),
                assignee: h.assignee.clone(),
            });
        }
        m.check(project)?;
        Ok(m)
    }

    /// The input form of `m`, durations written with `s` (estimates in task-key order).
    pub fn of(m: &RiskModel, s: &DurationSettings) -> RiskInputs {
        RiskInputs {
            estimates: m
                .estimates
                .iter()
                .map(|(id, e)| (id.to_string(), EstimateInput::of(e, s)))
                .collect(),
            risks: m
                .risks
                .iter()
                .map(|r| RiskInput {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    probability: r.probability,
                    impacts: r
                        .impacts
                        .iter()
                        .map(|i| ImpactInput {
                            task: i.task.to_string(),
                            delay: SpreadInput::of(&i.delay, s),
                        })
                        .collect(),
                    insert: r.contingency.as_ref().map(|c| ContingencyInput {
                        id: c.task.to_string(),
                        name: c.name.clone(),
                        after: c.after.iter().map(|x| x.to_string()).collect(),
                        before: c.before.iter().map(|x| x.to_string()).collect(),
                        duration: SpreadInput::of(&c.duration, s),
                    }),
                    exists: r.exists.iter().map(|x| x.to_string()).collect(),
                    cost: r.cost.map(|a| {
                        if a.optimistic == a.pessimistic {
                            CostInput::Fixed(a.likely)
                        } else {
                            CostInput::Range {
                                optimistic: a.optimistic,
                                likely: a.likely,
                                pessimistic: a.pessimistic,
                            }
                        }
                    }),
                })
                .collect(),
            correlations: m
                .correlations
                .iter()
                .map(|c| CorrelationInput {
                    tasks: c.tasks.iter().map(|x| x.to_string()).collect(),
                    coefficient: c.coefficient,
                })
                .collect(),
            history: m
                .history
                .iter()
                .map(|h| HistoryInput {
                    estimate: h.estimate.display(s).to_string(),
                    actual: h.actual.display(s).to_string(),
                    category: h.category.clone(),
                    assignee: h.assignee.clone(),
                    task: None,
                })
                .collect(),
        }
    }
}
