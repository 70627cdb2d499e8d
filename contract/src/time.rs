//! Dates in the contract: RFC 3339 timestamps (publication times) and
//! calendar dates of varying precision (chart observations).

use crate::text::quoted;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A point in time with the writer's UTC offset, e.g. `2023-01-05T10:00:00+01:00`.
/// Keeps the original text for `<time datetime>` and the parsed fields for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    text: String,
    date: CalendarDate,
    /// Seconds since 1970-01-01T00:00:00Z, for ordering.
    epoch_seconds: i64,
}

impl Timestamp {
    pub fn parse(s: &str) -> Result<Self, String> {
        let err = || format!("not an RFC 3339 timestamp with offset: {}", quoted(s));
        let (date_part, rest) = s.split_once('T').ok_or_else(err)?;
        let date = CalendarDate::parse(date_part).map_err(|_| err())?;
        let (Some(month), Some(day)) = (date.month, date.day) else {
            return Err(err());
        };
        let (time, offset_minutes) = if let Some(time) = rest.strip_suffix('Z') {
            (time, 0)
        } else {
            let split = rest.rfind(['+', '-']).ok_or_else(err)?;
            let (time, offset) = rest.split_at(split);
            let sign: i32 = if offset.starts_with('-') { -1 } else { 1 };
            let (oh, om) = offset
                .get(1..)
                .and_then(|o| o.split_once(':'))
                .ok_or_else(err)?;
            let (oh, om) = (
                digits(oh, 2).ok_or_else(err)?,
                digits(om, 2).ok_or_else(err)?,
            );
            if oh > 23 || om > 59 {
                return Err(err());
            }
            (time, sign * (oh * 60 + om) as i32)
        };
        // Fractional seconds are allowed (digits only) and ignored.
        let time = match time.split_once('.') {
            Some((time, fraction)) => {
                if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err());
                }
                time
            }
            None => time,
        };
        let mut hms = time.split(':');
        let (Some(h), Some(m), Some(sec), None) = (hms.next(), hms.next(), hms.next(), hms.next())
        else {
            return Err(err());
        };
        let (h, m, sec) = (
            digits(h, 2).ok_or_else(err)?,
            digits(m, 2).ok_or_else(err)?,
            digits(sec, 2).ok_or_else(err)?,
        );
        // No leap seconds: the schema's pattern cannot check where they may fall.
        if h > 23 || m > 59 || sec > 59 {
            return Err(err());
        }
        let days = days_from_civil(date.year, month, day);
        let epoch_seconds =
            days * 86_400 + i64::from(h * 3600 + m * 60 + sec) - i64::from(offset_minutes) * 60;
        Ok(Self {
            text: s.to_owned(),
            date,
            epoch_seconds,
        })
    }

    /// The text as written, for a `datetime` attribute.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The day in the writer's time zone (the app writes it in the
    /// reader's language: `i18n::Strings::calendar_date`).
    pub fn date(&self) -> CalendarDate {
        self.date
    }

    pub fn epoch_seconds(&self) -> i64 {
        self.epoch_seconds
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch_seconds
            .cmp(&other.epoch_seconds)
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.text
    }
}

/// A calendar date known to a year (`1999`), a month (`2003-06`) or a day
/// (`2003-12-31`). Month and day are valid for their year by construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl CalendarDate {
    pub fn parse(s: &str) -> Result<Self, String> {
        let err = || format!("not a date (YYYY, YYYY-MM or YYYY-MM-DD): {}", quoted(s));
        let mut parts = s.split('-');
        let year = parts.next().and_then(|y| digits(y, 4)).ok_or_else(err)?;
        let month = parts
            .next()
            .map(|m| digits(m, 2).ok_or_else(err))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| digits(d, 2).ok_or_else(err))
            .transpose()?;
        if parts.next().is_some() {
            return Err(err());
        }
        let year = year as i32;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(err());
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(err());
                }
            }
        }
        Ok(Self { year, month, day })
    }

    /// The date as a fractional year, placed in the middle of the period it
    /// names: `1999` → 1999.5, `2003-06` → mid-June 2003. This is what an
    /// honest time axis plots.
    pub fn decimal_year(&self) -> f64 {
        let year_days = if is_leap(self.year) { 366.0 } else { 365.0 };
        let start = days_from_civil(self.year, 1, 1) as f64;
        let mid_day = match (self.month, self.day) {
            (None, _) => start + year_days / 2.0,
            (Some(m), None) => {
                days_from_civil(self.year, m, 1) as f64
                    + f64::from(days_in_month(self.year, m)) / 2.0
            }
            (Some(m), Some(d)) => days_from_civil(self.year, m, d) as f64 + 0.5,
        };
        f64::from(self.year) + (mid_day - start) / year_days
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// 1 to 12, if the date names its month.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// 1 to 31, if the date names its day.
    pub fn day(&self) -> Option<u32> {
        self.day
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

/// As written in the contract: `1999`, `2003-06`, `2003-12-31`.
impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&String::from(*self))
    }
}

impl From<CalendarDate> for String {
    fn from(d: CalendarDate) -> String {
        match (d.month, d.day) {
            (None, _) => format!("{:04}", d.year),
            (Some(m), None) => format!("{:04}-{:02}", d.year, m),
            (Some(m), Some(day)) => format!("{:04}-{:02}-{:02}", d.year, m, day),
        }
    }
}

/// Exactly `len` ASCII digits as a number.
fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_parse_with_offset_and_order_by_instant() {
        let a = Timestamp::parse("2023-01-05T10:00:00+01:00").unwrap();
        let b = Timestamp::parse("2023-01-05T09:30:00Z").unwrap();
        assert_eq!(a.epoch_seconds(), 1_672_909_200);
        assert!(a < b, "10:00+01:00 is 09:00Z, before 09:30Z");
        assert_eq!(String::from(a.date()), "2023-01-05");
        assert_eq!(a.as_str(), "2023-01-05T10:00:00+01:00");
        assert!(Timestamp::parse("2023-01-05T10:00:00.123-05:30").is_ok());
    }

    #[test]
    fn timestamps_without_offset_or_out_of_range_are_refused() {
        for bad in [
            "2023-01-05",
            "2023-01-05T10:00:00",
            "2023-02-30T10:00:00Z",
            "2023-01-05T24:00:00Z",
            "2023-01-05T10:00Z",
            "2023-1-5T10:00:00Z",
            "2023-01-05T10:00:00+1:00",
            "2023-01-05T10:00:00.<b>x</b>Z",
            "2023-01-05T10:00:00.Z",
            "2023-01-05T10:00:00.1.2Z",
            "2023-01-05T10:00:00.１Z",
            "2023-01-05T10:00:60Z",
            "",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn calendar_dates_have_three_precisions() {
        let parts = |d: &str| {
            let d = CalendarDate::parse(d).unwrap();
            (d.year(), d.month(), d.day())
        };
        assert_eq!(parts("1999"), (1999, None, None));
        assert_eq!(parts("2003-06"), (2003, Some(6), None));
        assert_eq!(parts("2003-12-31"), (2003, Some(12), Some(31)));
        assert_eq!(
            String::from(CalendarDate::parse("2003-06").unwrap()),
            "2003-06"
        );
        for bad in [
            "99",
            "2003-13",
            "2003-02-29",
            "2003-06-00",
            "2003-06-01-01",
            "abcd",
        ] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad}");
        }
        assert!(CalendarDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn decimal_year_places_a_period_at_its_middle() {
        let year = CalendarDate::parse("1999").unwrap().decimal_year();
        assert!((year - 1999.5).abs() < 1e-9);
        let june = CalendarDate::parse("2003-06").unwrap().decimal_year();
        assert!(june > 2003.41 && june < 2003.46, "{june}");
        let dec31 = CalendarDate::parse("2003-12-31").unwrap().decimal_year();
        assert!(dec31 > 2003.99 && dec31 < 2004.0, "{dec31}");
    }

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }
}
