//! Buffers, as in critical-chain practice (Goldratt 1997; Leach) and as delivery teams agree
//! them ("the baseline plus a 15 % buffer"): a project buffer after the critical chain, a
//! feeding buffer where a chain of non-critical tasks joins it, and how much of each the
//! work so far has consumed against how much of its chain is complete (the fever chart).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::id::TaskIndex;
use crate::time::{DateTime, Duration};

use super::status::Status;
use super::Stamp;

/// How a buffer is sized from the chain it protects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BufferMethod {
    /// This percentage of the chain's planned duration ("baseline plus 15 %": `Percent(15.0)`,
    /// the default).
    Percent(f64),
    /// Half the chain's planned duration: Goldratt's cut-and-paste, where the safety cut from
    /// each estimate is pooled at the end.
    CutAndPaste,
    /// The square root of the sum of the squares of half of each task's duration (Newbold's
    /// root-square-error): independent safeties pooled.
    RootSumSquare,
    /// A fixed working time.
    Fixed(Duration),
}

impl Default for BufferMethod {
    fn default() -> Self {
        BufferMethod::Percent(15.0)
    }
}

impl std::fmt::Display for BufferMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BufferMethod::Percent(p) => write!(f, "percent {}", super::text::trim(*p, 2)),
            BufferMethod::CutAndPaste => f.write_str("cut_and_paste"),
            BufferMethod::RootSumSquare => f.write_str("root_sum_square"),
            BufferMethod::Fixed(d) => write!(f, "fixed {}m", d.minutes()),
        }
    }
}

/// The fever chart's zone lines: buffer consumed (percent) at 0 % and at 100 % of the chain
/// complete; in between the lines are straight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeverZones {
    /// Above this line a buffer is yellow (default 15 % rising to 75 %).
    pub green_yellow: [f64; 2],
    /// Above this line a buffer is red (default 30 % rising to 90 %).
    pub yellow_red: [f64; 2],
}

impl Default for FeverZones {
    fn default() -> Self {
        FeverZones {
            green_yellow: [15.0, 75.0],
            yellow_red: [30.0, 90.0],
        }
    }
}

impl FeverZones {
    /// The static thirds of early buffer management: yellow from a third consumed, red from
    /// two thirds, whatever the completion.
    pub fn thirds() -> FeverZones {
        FeverZones {
            green_yellow: [100.0 / 3.0, 100.0 / 3.0],
            yellow_red: [200.0 / 3.0, 200.0 / 3.0],
        }
    }

    /// The zone of a buffer `consumed` percent used with its chain `complete` percent done.
    pub fn zone(&self, complete: f64, consumed: f64) -> Zone {
        let at = |l: [f64; 2]| l[0] + (l[1] - l[0]) * complete.clamp(0.0, 100.0) / 100.0;
        if consumed >= at(self.yellow_red) && consumed > 0.0 {
            Zone::Red
        } else if consumed >= at(self.green_yellow) && consumed > 0.0 {
            Zone::Yellow
        } else {
            Zone::Green
        }
    }
}

/// Buffer sizes and zones.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BufferOptions {
    /// The project buffer (default 15 % of the critical chain).
    pub project: BufferMethod,
    /// Feeding buffers (default: the project buffer's method); `None`: no feeding buffers.
    pub feeding: Option<BufferMethod>,
    /// Whether feeding buffers are left out.
    pub no_feeding: bool,
    /// The fever chart's zones.
    pub zones: FeverZones,
}

/// Which kind of buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BufferKind {
    /// After the critical chain, before the project's promised finish.
    Project,
    /// Where a non-critical chain joins the critical chain.
    Feeding,
}

/// A fever chart zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// On track.
    Green,
    /// Plan a recovery.
    Yellow,
    /// Act now.
    Red,
}

/// One buffer and its consumption at the status date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Buffer {
    /// `project`, or `feeding:KEY` with the key of the chain's last task.
    pub id: String,
    /// The project's name, or the name of the feeding chain's last task.
    pub name: String,
    /// Which kind.
    pub kind: BufferKind,
    /// How it was sized.
    pub method: String,
    /// The chain it protects, in order.
    pub chain: Vec<String>,
    /// For a feeding buffer, the critical task the chain joins.
    pub merges_into: Option<String>,
    /// Its size, in working minutes of the project calendar.
    pub size_minutes: i64,
    /// When the chain was planned to finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_finish: Stamp,
    /// The planned finish plus the buffer: the date promised.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub buffer_end: Stamp,
    /// When the chain is now expected to finish: the later of its scheduled finish and the
    /// status date plus its remaining work.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub projected_finish: Stamp,
    /// Working minutes of the buffer used (projected − planned finish, at least 0).
    pub consumed_minutes: i64,
    /// Working minutes left (negative once exceeded).
    pub remaining_minutes: i64,
    /// Consumed, in percent of the size.
    pub consumed_percent: f64,
    /// The chain's work done, in percent (planned durations weighted by percent complete).
    pub chain_complete_percent: f64,
    /// The fever chart zone.
    pub zone: Zone,
}

/// The buffers and the fever chart's zone lines (points `[chain complete %, buffer consumed
/// %]`, for drawing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Buffers {
    /// The project buffer first, then the feeding buffers by their chain's last task.
    pub buffers: Vec<Buffer>,
    /// The green/yellow and yellow/red lines, each two points.
    pub zones: FeverZones,
}

impl Status<'_> {
    fn size(&self, m: BufferMethod, chain: &[TaskIndex], length: i64) -> i64 {
        match m {
            BufferMethod::Percent(p) => (length as f64 * p / 100.0).round() as i64,
            BufferMethod::CutAndPaste => (length as f64 / 2.0).round() as i64,
            BufferMethod::RootSumSquare => chain
                .iter()
                .map(|&i| {
                    let h = self.planned[i.index()].work as f64 / 2.0;
                    h * h
                })
                .sum::<f64>()
                .sqrt()
                .round() as i64,
            BufferMethod::Fixed(d) => d.minutes(),
        }
    }

    /// When `chain` is now expected to finish: the later of `scheduled` and the status date
    /// plus the chain's remaining work (its tasks in sequence).
    fn projected(&self, chain: &[TaskIndex], scheduled: DateTime) -> DateTime {
        let remaining: i64 = chain
            .iter()
            .filter(|&&i| !self.complete(i))
            .map(|&i| {
                let d = self.schedule.task(i).duration.minutes();
                (d as f64 * (1.0 - self.percent(i) / 100.0)).round() as i64
            })
            .sum();
        let cal = self.pcal();
        let from_now = cal.add_work(self.status, remaining).unwrap_or(self.status);
        if cal.work_between(scheduled, from_now) > 0 {
            from_now
        } else {
            scheduled
        }
    }

    fn complete_percent(&self, chain: &[TaskIndex]) -> f64 {
        let (mut w, mut done) = (0.0, 0.0);
        for &i in chain {
            let x = self.planned[i.index()].work as f64;
            w += x;
            done += x * self.percent(i) / 100.0;
        }
        if w > 0.0 {
            done * 100.0 / w
        } else if chain.iter().all(|&i| self.complete(i)) {
            100.0
        } else {
            0.0
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn buffer(
        &self,
        id: String,
        name: String,
        kind: BufferKind,
        method: BufferMethod,
        chain: &[TaskIndex],
        merges_into: Option<String>,
        start: DateTime,
        planned_finish: DateTime,
        scheduled: DateTime,
    ) -> Buffer {
        let cal = self.pcal();
        let length = cal.work_between(start, planned_finish).max(0);
        let size = self.size(method, chain, length).max(0);
        let projected = self.projected(chain, scheduled);
        let consumed = cal.work_between(planned_finish, projected).max(0);
        let pct = if size > 0 {
            consumed as f64 * 100.0 / size as f64
        } else if consumed > 0 {
            100.0
        } else {
            0.0
        };
        let complete = self.complete_percent(chain);
        Buffer {
            id,
            name,
            kind,
            method: method.to_string(),
            chain: chain
                .iter()
                .map(|&i| self.project.task(i).id.to_string())
                .collect(),
            merges_into,
            size_minutes: size,
            planned_finish: Stamp(planned_finish),
            buffer_end: Stamp(cal.add_work(planned_finish, size).unwrap_or(planned_finish)),
            projected_finish: Stamp(projected),
            consumed_minutes: consumed,
            remaining_minutes: size - consumed,
            consumed_percent: pct,
            chain_complete_percent: complete,
            zone: self.track.buffers.zones.zone(complete, pct),
        }
    }

    /// The project buffer (after the plan's critical chain) and a feeding buffer for every
    /// non-critical chain that joins it, with their consumption at the status date.
    pub fn buffers(&self) -> Buffers {
        let o = &self.track.buffers;
        let chain: Vec<TaskIndex> = self
            .plan
            .critical_path()
            .iter()
            .copied()
            .filter(|&i| self.leaf[i.index()])
            .collect();
        let in_plan: Vec<TaskIndex> = self
            .tasks()
            .filter(|&i| self.leaf[i.index()] && self.planned[i.index()].in_plan)
            .collect();
        let start = in_plan
            .iter()
            .map(|&i| self.planned[i.index()].start)
            .min()
            .unwrap_or(self.plan.project_start);
        let finish = in_plan
            .iter()
            .map(|&i| self.planned[i.index()].finish)
            .max()
            .unwrap_or(self.plan.project_finish);
        let mut out = vec![self.buffer(
            "project".into(),
            self.project.name().to_owned(),
            BufferKind::Project,
            o.project,
            &chain,
            None,
            start,
            finish,
            self.schedule.project_finish,
        )];
        let method = o.feeding.unwrap_or(o.project);
        if !o.no_feeding {
            let critical: BTreeSet<TaskIndex> = chain.iter().copied().collect();
            let mut seen = BTreeSet::new();
            for l in self.project.links() {
                let (x, c) = (l.from, l.to);
                if !critical.contains(&c)
                    || critical.contains(&x)
                    || !self.leaf[x.index()]
                    || self.complete_chain_start(x)
                    || !seen.insert(x)
                {
                    continue;
                }
                // Walk back from x along the plan's driving links while off the critical chain.
                let mut feed = vec![x];
                let mut cur = x;
                while let Some(&dl) = self.plan.driving_links(cur).first() {
                    let pred = self.project.link(dl).from;
                    if critical.contains(&pred) || !self.leaf[pred.index()] || feed.contains(&pred)
                    {
                        break;
                    }
                    feed.push(pred);
                    cur = pred;
                }
                feed.reverse();
                let t = self.project.task(x);
                let fs = self.planned[feed[0].index()].start;
                out.push(self.buffer(
                    format!("feeding:{}", t.id),
                    t.name.clone(),
                    BufferKind::Feeding,
                    method,
                    &feed,
                    Some(self.project.task(c).id.to_string()),
                    fs,
                    self.planned[x.index()].finish,
                    self.schedule.task(x).finish,
                ));
            }
            out[1..].sort_by(|a, b| a.id.cmp(&b.id));
        }
        Buffers {
            buffers: out,
            zones: o.zones,
        }
    }

    /// Whether `x` is outside the plan (a task added after the baseline: it has no chain to
    /// buffer).
    fn complete_chain_start(&self, x: TaskIndex) -> bool {
        !self.planned[x.index()].in_plan
    }
}
