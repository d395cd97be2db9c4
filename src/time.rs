//! Instants as Unix seconds, parsed and printed at the edges only.
//!
//! The verification core never reads the clock: callers pass a [`UnixTime`].

use std::fmt;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Why a text is not a time or a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("`{0}` is not `@` followed by Unix seconds")]
    Seconds(String),
    #[error("`{text}` is not a time like 2026-11-26T08:30:00Z or @1795681800 ({why})")]
    Time { text: String, why: String },
    #[error("`{text}` is not a date like 2026-11-26 ({why})")]
    Date { text: String, why: String },
}

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(pub i64);

/// An ISO 8601 instant with a `+HHMM` offset or none, rewritten as
/// RFC 3339 (`+HH:MM`, or `Z` for none).
fn iso_as_rfc3339(text: &str) -> Option<String> {
    let (date, time) = text.split_once(['T', 't', ' '])?;
    let offset_at = time.find(['+', '-', 'Z', 'z']);
    let (clock, offset) = match offset_at {
        Some(i) => (time.get(..i)?, time.get(i..)?),
        None => (time, ""),
    };
    let offset = match offset.len() {
        0 => "Z".to_string(),
        5 if offset.starts_with(['+', '-']) => {
            format!("{}:{}", offset.get(..3)?, offset.get(3..)?)
        }
        3 if offset.starts_with(['+', '-']) => format!("{offset}:00"),
        _ => offset.to_string(),
    };
    Some(format!("{date}T{clock}{offset}"))
}

impl UnixTime {
    /// Reads the system clock. Only the edges of the program call this.
    pub fn now() -> Self {
        Self(OffsetDateTime::now_utc().unix_timestamp())
    }

    /// Parses RFC 3339 (`2026-11-26T08:30:00Z`, `2026-11-26T16:30:00+08:00`,
    /// fractions of a second too), the ISO 8601 forms test vectors write
    /// (`+0000` without the colon; no offset at all, read as UTC), or `@`
    /// followed by Unix seconds (`@1795681800`).
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let text = text.trim();
        if let Some(secs) = text.strip_prefix('@') {
            return secs
                .parse()
                .map(Self)
                .map_err(|_| TimeError::Seconds(text.to_string()));
        }
        OffsetDateTime::parse(text, &Rfc3339)
            .or_else(|e| OffsetDateTime::parse(&iso_as_rfc3339(text).ok_or(e)?, &Rfc3339))
            .map(|t| Self(t.unix_timestamp()))
            .map_err(|e| TimeError::Time {
                text: text.to_string(),
                why: e.to_string(),
            })
    }

    /// Parses a calendar date `YYYY-MM-DD` as days since 1970-01-01.
    pub fn parse_date_days(text: &str) -> Result<i64, TimeError> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(text.trim(), format)
            .map(|d| (d - time::macros::date!(1970 - 01 - 01)).whole_days())
            .map_err(|e| TimeError::Date {
                text: text.to_string(),
                why: e.to_string(),
            })
    }

    /// Formats days since 1970-01-01 as `YYYY-MM-DD`.
    pub fn format_date_days(days: i64) -> String {
        Self(days.saturating_mul(86_400))
            .to_string()
            .chars()
            .take(10)
            .collect()
    }

    /// Adds seconds, saturating.
    #[must_use]
    pub fn plus(self, secs: i64) -> Self {
        Self(self.0.saturating_add(secs))
    }
}

impl fmt::Display for UnixTime {
    /// RFC 3339 in UTC, e.g. `2026-11-26T08:30:00Z`; the raw number when out of range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
        {
            Some(s) => f.write_str(&s),
            None => write!(f, "@{}", self.0),
        }
    }
}

/// Serialised as RFC 3339 text.
impl serde::Serialize for UnixTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let t = UnixTime::parse("2026-11-26T08:30:00Z").unwrap();
        assert_eq!(t, UnixTime(1_795_681_800));
        assert_eq!(t.to_string(), "2026-11-26T08:30:00Z");
        assert_eq!(UnixTime::parse("2026-11-26T16:30:00+08:00").unwrap(), t);
        assert_eq!(UnixTime::parse("@1795681800").unwrap(), t);
        assert!(UnixTime::parse("yesterday").is_err());
        // As test vectors write their clocks.
        assert_eq!(UnixTime::parse("2026-11-26T08:30:00.993452Z").unwrap(), t);
        assert_eq!(UnixTime::parse("2026-11-26T08:30:00+0000").unwrap(), t);
        assert_eq!(UnixTime::parse("2026-11-26T09:30:00+0100").unwrap(), t);
        assert_eq!(UnixTime::parse("2026-11-26T08:30:00").unwrap(), t);
        assert_eq!(UnixTime::parse("2026-11-26T08:30:00.5").unwrap(), t);
        assert!(UnixTime::parse("2026-11-26").is_err());
        assert!(UnixTime::parse("2026-11-26T08:30:00+8").is_err());
        assert_eq!(UnixTime::parse("2026-11-26T10:30:00+02").unwrap(), t);
        let days = UnixTime::parse_date_days("2026-11-26").unwrap();
        assert_eq!(days, 1_795_681_800 / 86_400);
        assert_eq!(UnixTime::format_date_days(days), "2026-11-26");
    }
}
