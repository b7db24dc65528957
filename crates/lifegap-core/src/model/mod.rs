//! The model: life tables, gap decomposition, cause reduction, programmes, projection and
//! uncertainty. Pure computation with no UI and no file I/O, so the desktop app, the CLI and the
//! tests all call the same code and every number on screen can be reproduced from the CLI.

pub mod action_plan;
pub mod answers;
pub mod area;
pub mod bands;
pub mod cause_reduction;
pub mod causes;
pub mod comparator_path;
pub mod decomposition;
pub mod dsr;
pub mod life_table;
pub mod normal;

pub use bands::BandSet;
pub use life_table::{LifeTable, LifeTableOptions, life_table};
pub mod defaults;
pub mod delivery;
pub mod distributions;
pub mod england;
pub mod evidence;
pub mod evidence_dates;
pub mod goal_seek;
pub mod holt;
pub mod marginal;
pub mod milestones;
pub mod monitor;
pub mod new_area;
pub mod practices;
pub mod programmes;
pub mod projection;
pub mod reckoner;
pub mod results;
pub mod scenario;
pub mod sii;
pub mod sii_milestone;
pub mod small_areas;
pub mod stretch;
pub mod trend;
pub mod uncertainty;
