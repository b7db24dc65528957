//! Directly standardised rates (DSRs): the PSA-era mortality measures (all-age all-cause,
//! circulatory disease under 75, cancer under 75) for an area, its comparator and the gap,
//! with Dobson et al. (1991) limits as PHEindicatormethods' `phe_dsr` computes them, on the
//! European Standard Population 1976 or 2013.
//!
//! * [`standard`]: the standards (data files in `assets/standards/`) and band alignment.
//! * [`poisson`]: Byar's and exact Poisson limits of a count.
//! * [`rate`]: one DSR with its limits.
//! * [`measure`]: the measures, the cause mapping, area vs comparator.
//! * [`targets`]: PSA mortality targets on DSRs and what meeting them does to life expectancy.

pub mod countdown;
pub mod measure;
pub mod poisson;
pub mod rate;
pub mod standard;
pub mod targets;

pub use measure::{Measure, RateGap, group_rate, rate_gap};
pub use rate::{Dsr, DsrError, dsr};
pub use standard::Standard;
