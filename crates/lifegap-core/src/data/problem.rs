//! Located problems in input files: every one names the file, line, column and rule broken.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The rule an input broke, with a stable short name for tests and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    CannotRead,
    EmptyFile,
    NotUtf8,
    MissingColumn,
    DuplicateColumn,
    RowLength,
    EmptyValue,
    NotANumber,
    Negative,
    PopulationNotPositive,
    DeathsExceedPopulation,
    UnknownSex,
    UnknownAge,
    DuplicateRow,
    MissingBand,
    MixedBandSets,
    AllCausesMismatch,
    NoPopulation,
    UnknownCause,
    SplitGroup,
    NoRows,
    NoLifeTable,
    /// A line (one CSV record) longer than [`super::source::Limits::line_bytes`].
    LineTooLong,
    /// A file larger than [`super::source::Limits::file_bytes`].
    FileTooLarge,
    /// More than [`super::source::Limits::preamble_bytes`] of `#` lines before the header.
    MetadataTooLong,
    /// A number outside the plausible range of a count of people or deaths
    /// ([`super::source::MAX_COUNT`]).
    ImplausibleValue,
    /// An age label that names another band set's open band ("85+" in a file closing at
    /// 90+) or a closed band used as the open one ("85-89" in a file closing at 85+).
    AgeBandMismatch,
    /// A value that is not one of those accepted (a measure, a quarter, a programme…).
    UnknownValue,
    /// A number outside the range its column allows.
    OutOfRange,
    /// An ICD-10 code that is not one (build-data's death records and cause mapping).
    InvalidCode,
    /// A valid ICD-10 code that no row of the cause mapping holds.
    UnmappedCode,
    /// An age that is not a whole number of years from 0 to 120.
    AgeOutOfRange,
    /// A date that is not a real calendar date in a form build-data reads.
    InvalidDate,
    /// A residence or population code that the lookup does not know.
    UnknownAreaCode,
    /// Population columns that do not cover every age exactly once, or a column that spans
    /// two of the life table's bands.
    AgeColumns,
    ScenarioSyntax,
    ScenarioVersion,
    ScenarioInvalid,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::CannotRead => "cannot-read",
            Rule::EmptyFile => "empty-file",
            Rule::NotUtf8 => "not-utf8",
            Rule::MissingColumn => "missing-column",
            Rule::DuplicateColumn => "duplicate-column",
            Rule::RowLength => "row-length",
            Rule::EmptyValue => "empty-value",
            Rule::NotANumber => "not-a-number",
            Rule::Negative => "negative",
            Rule::PopulationNotPositive => "population-not-positive",
            Rule::DeathsExceedPopulation => "deaths-exceed-population",
            Rule::UnknownSex => "unknown-sex",
            Rule::UnknownAge => "unknown-age-band",
            Rule::DuplicateRow => "duplicate-row",
            Rule::MissingBand => "missing-band",
            Rule::MixedBandSets => "mixed-band-sets",
            Rule::AllCausesMismatch => "all-causes-mismatch",
            Rule::NoPopulation => "no-population",
            Rule::UnknownCause => "unknown-cause",
            Rule::SplitGroup => "split-group",
            Rule::NoRows => "no-rows",
            Rule::NoLifeTable => "no-life-table",
            Rule::LineTooLong => "line-too-long",
            Rule::FileTooLarge => "file-too-large",
            Rule::MetadataTooLong => "metadata-too-long",
            Rule::ImplausibleValue => "implausible-value",
            Rule::AgeBandMismatch => "age-band-mismatch",
            Rule::UnknownValue => "unknown-value",
            Rule::OutOfRange => "out-of-range",
            Rule::InvalidCode => "invalid-code",
            Rule::UnmappedCode => "unmapped-code",
            Rule::AgeOutOfRange => "age-out-of-range",
            Rule::InvalidDate => "invalid-date",
            Rule::UnknownAreaCode => "unknown-area-code",
            Rule::AgeColumns => "age-columns",
            Rule::ScenarioSyntax => "scenario-syntax",
            Rule::ScenarioVersion => "scenario-version",
            Rule::ScenarioInvalid => "scenario-invalid",
        }
    }
}

/// Whether a problem stops the group (error) or is worth knowing (warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line in the file, when the problem belongs to a line.
    pub line: Option<u64>,
    /// 1-based column number and its header name, when it belongs to a cell.
    pub column: Option<(usize, String)>,
    pub rule: Rule,
    pub message: String,
}

impl Problem {
    pub fn error(file: &Path, rule: Rule, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line: None,
            column: None,
            rule,
            message: message.into(),
        }
    }

    pub fn warning(file: &Path, rule: Rule, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, rule, message)
        }
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, index0: usize, name: &str) -> Self {
        self.column = Some((index0 + 1, name.to_string()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `file:line:column (name): severity [rule]: message`, the form compilers use so editors
    /// can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            match &self.column {
                Some((col, name)) if name.is_empty() => write!(f, ":{col}")?,
                Some((col, name)) => write!(f, ":{col} ({name})")?,
                None => {}
            }
        } else if let Some((col, name)) = &self.column {
            write!(f, ": column {col} ({name})")?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev} [{}]: {}", self.rule.name(), self.message)
    }
}

/// A bounded list of problems: huge broken files report the first [`Problems::LIMIT`] in full
/// and count the rest, so a 200 MB file of bad rows cannot exhaust memory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Problems {
    pub list: Vec<Problem>,
    /// Errors and warnings beyond the limit, counted but not kept.
    pub not_listed_errors: u64,
    pub not_listed_warnings: u64,
    /// Warnings in `list`.
    #[serde(skip)]
    listed_warnings: usize,
}

impl Problems {
    pub const LIMIT: usize = 10_000;
    /// Warnings take at most half of the list, so they never crowd errors out of it: a file
    /// of 10,000 unknown cause columns must still show the one error that stops it.
    pub const WARNING_LIMIT: usize = Self::LIMIT / 2;

    pub fn push(&mut self, p: Problem) {
        if p.is_error() {
            if self.list.len() < Self::LIMIT {
                self.list.push(p);
            } else {
                self.not_listed_errors += 1;
            }
        } else if self.list.len() < Self::LIMIT && self.listed_warnings < Self::WARNING_LIMIT {
            self.listed_warnings += 1;
            self.list.push(p);
        } else {
            self.not_listed_warnings += 1;
        }
    }

    pub fn error_count(&self) -> u64 {
        self.list.iter().filter(|p| p.is_error()).count() as u64 + self.not_listed_errors
    }

    pub fn warning_count(&self) -> u64 {
        self.list.iter().filter(|p| !p.is_error()).count() as u64 + self.not_listed_warnings
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter().filter(|p| p.is_error())
    }

    pub fn extend(&mut self, other: Problems) {
        for p in other.list {
            self.push(p);
        }
        self.not_listed_errors += other.not_listed_errors;
        self.not_listed_warnings += other.not_listed_warnings;
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.list {
            writeln!(f, "{p}")?;
        }
        if self.not_listed_errors + self.not_listed_warnings > 0 {
            writeln!(
                f,
                "… and {} more errors and {} more warnings not listed",
                self.not_listed_errors, self.not_listed_warnings
            )?;
        }
        Ok(())
    }
}
