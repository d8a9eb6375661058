//! The typed values that cross the boundary besides JSON text: link and constraint types as
//! enums (Kotlin `LinkType.FINISH_TO_START`, Python `LinkType.FINISH_TO_START`) and the
//! records `why()` returns.

/// How a link ties its successor to its predecessor (`FS`, `SS`, `FF`, `SF` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LinkType {
    /// The successor starts after the predecessor finishes (`FS`, the default).
    FinishToStart,
    /// The successor starts after the predecessor starts (`SS`).
    StartToStart,
    /// The successor finishes after the predecessor finishes (`FF`).
    FinishToFinish,
    /// The successor finishes after the predecessor starts (`SF`).
    StartToFinish,
}

impl LinkType {
    /// The JSON code: `FS`, `SS`, `FF` or `SF`.
    pub fn code(self) -> &'static str {
        match self {
            LinkType::FinishToStart => "FS",
            LinkType::StartToStart => "SS",
            LinkType::FinishToFinish => "FF",
            LinkType::StartToFinish => "SF",
        }
    }
}

impl From<jindu::LinkType> for LinkType {
    fn from(kind: jindu::LinkType) -> LinkType {
        match kind {
            jindu::LinkType::FinishToStart => LinkType::FinishToStart,
            jindu::LinkType::StartToStart => LinkType::StartToStart,
            jindu::LinkType::FinishToFinish => LinkType::FinishToFinish,
            jindu::LinkType::StartToFinish => LinkType::StartToFinish,
        }
    }
}

/// A task's scheduling constraint (`ASAP`, `ALAP`, `SNET`, … in JSON); all but the first two
/// need a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ConstraintType {
    /// As soon as possible (`ASAP`, the default).
    AsSoonAsPossible,
    /// As late as possible without delaying successors or the project (`ALAP`).
    AsLateAsPossible,
    /// Start no earlier than the date (`SNET`).
    StartNoEarlierThan,
    /// Start no later than the date (`SNLT`).
    StartNoLaterThan,
    /// Finish no earlier than the date (`FNET`).
    FinishNoEarlierThan,
    /// Finish no later than the date (`FNLT`).
    FinishNoLaterThan,
    /// Must start on the date (`MSO`).
    MustStartOn,
    /// Must finish on the date (`MFO`).
    MustFinishOn,
}

impl ConstraintType {
    /// The JSON code, e.g. `SNET`.
    pub fn code(self) -> &'static str {
        match self {
            ConstraintType::AsSoonAsPossible => "ASAP",
            ConstraintType::AsLateAsPossible => "ALAP",
            ConstraintType::StartNoEarlierThan => "SNET",
            ConstraintType::StartNoLaterThan => "SNLT",
            ConstraintType::FinishNoEarlierThan => "FNET",
            ConstraintType::FinishNoLaterThan => "FNLT",
            ConstraintType::MustStartOn => "MSO",
            ConstraintType::MustFinishOn => "MFO",
        }
    }
}

/// A link that holds a task where it is, as `Scheduler.why` returns it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DrivingLink {
    /// The predecessor's key (`from` in JSON).
    pub predecessor: String,
    /// The link type.
    pub kind: LinkType,
    /// The lag written with the project's duration settings (e.g. `"2d"`), absent when zero.
    pub lag: Option<String>,
}

/// The links that drive a task, as `why()` returns them.
pub fn driving_links(
    links: Vec<(jindu::TaskId, jindu::LinkType, jindu::Lag)>,
    settings: &jindu::DurationSettings,
) -> Vec<DrivingLink> {
    links
        .into_iter()
        .map(|(from, kind, lag)| DrivingLink {
            predecessor: from.as_str().to_owned(),
            kind: kind.into(),
            lag: (!lag.is_zero()).then(|| lag.display(settings).to_string()),
        })
        .collect()
}
