//! The street's figures as pure functions of each case's timeline, kept as additive counters.
//!
//! Every figure is defined on one case at a time ([`facts`]): a case contributes a small set
//! of cells ([`cells`]), each counting 1, and a figure is a sum of cells over periods. So
//! storage updates its counters with [`cell_delta`] in the same write as each case change, a
//! street or district rolls its communities up with [`Tally::merge`], and a dashboard reads
//! counters ([`figures`], [`trend`]), never cases. [`public_table`] is what the public may
//! see, [`to_csv`] what a spreadsheet opens, and [`check`] recomputes the counters from the
//! cases to find any that drifted.

/// The derivation the kept cells follow: storage counts every case again when it changes
/// (a new metric, a changed definition, a new channel). Version 2 keeps the members too
/// ([`members`]) and counts volunteers' filings on their own channel.
pub const STATS_VERSION: u32 = 2;

pub mod cells;
pub mod check;
pub mod csv;
pub mod facts;
pub mod figures;
pub mod members;
pub mod public;

pub use self::cells::{
    case_cells, cell_delta, period_keys, Cell, CellKey, Dim, Metric, Month, PeriodKey, Tally,
    NO_HANDLER,
};
pub use self::check::{check, Difference};
pub use self::csv::to_csv;
pub use self::facts::{case_facts, CaseFacts, Concluded, Conclusion};
pub use self::figures::{figures, trend, Figure, FigureRow, FigureTable, MonthRow, Rate};
pub use self::members::{
    case_members, members_change, CaseMembers, Member, MemberDims, MemberFilter,
};
pub use self::public::{public_table, PublicCell, PublicTable, MIN_PUBLIC_CELL};
