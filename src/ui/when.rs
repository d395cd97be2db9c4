//! Times as people at the door read them: in the kiosk's time zone
//! (`[kiosk] timezone`, else the system's), in each language's own short
//! date form ("2 Dec 08:30", "12月2日 08:30"), and ages in words ("6 days
//! ago"). Records and logs keep UTC; only what people see is local.

use std::fmt;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::i18n::{Arg, I18n, Lang};
use crate::time::UnixTime;

/// The time zone times are shown in.
#[derive(Clone, PartialEq)]
pub struct Zone(TimeZone);

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl Default for Zone {
    fn default() -> Self {
        Self::utc()
    }
}

impl Zone {
    /// UTC.
    pub fn utc() -> Self {
        Self(TimeZone::UTC)
    }

    /// The system's zone (UTC when it cannot be told).
    pub fn system() -> Self {
        Self(TimeZone::try_system().unwrap_or(TimeZone::UTC))
    }

    /// An IANA zone by name (`Asia/Shanghai`, `Africa/Cairo`).
    pub fn named(name: &str) -> Result<Self, String> {
        TimeZone::get(name.trim())
            .map(Self)
            .map_err(|_| format!("`{name}` is not a time zone like Asia/Shanghai or Europe/Berlin"))
    }

    /// `[kiosk] timezone`: empty is the system's.
    pub fn from_setting(name: &str) -> Self {
        if name.trim().is_empty() {
            return Self::system();
        }
        Self::named(name).unwrap_or_else(|_| Self::system())
    }

    /// The zone's IANA name, or its offset when it has none.
    pub fn name(&self) -> String {
        self.0
            .iana_name()
            .map_or_else(|| self.offset_text(UnixTime(0)), str::to_string)
    }

    fn civil(&self, t: UnixTime) -> Option<jiff::civil::DateTime> {
        Timestamp::from_second(t.0)
            .ok()
            .map(|ts| ts.to_zoned(self.0.clone()).datetime())
    }

    /// `UTC+08:00` at `t`.
    pub fn offset_text(&self, t: UnixTime) -> String {
        let secs = Timestamp::from_second(t.0).map_or(0, |ts| self.0.to_offset(ts).seconds());
        let sign = if secs < 0 { '-' } else { '+' };
        let m = secs.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
    }

    /// `HH:MM` on the local clock.
    pub fn clock(&self, t: UnixTime) -> String {
        self.civil(t)
            .map(|d| format!("{:02}:{:02}", d.hour(), d.minute()))
            .unwrap_or_default()
    }

    /// `2026-11-26 16:30 UTC+08:00`, for staff: digits and the offset, no
    /// words inside, so it stays whole in a right-to-left sentence.
    pub fn staff_time(&self, t: UnixTime) -> String {
        self.civil(t).map_or_else(
            || t.to_string(),
            |d| {
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02} {}",
                    d.year(),
                    d.month(),
                    d.day(),
                    d.hour(),
                    d.minute(),
                    self.offset_text(t)
                )
            },
        )
    }

    /// "2 Dec 08:30" in `lang`'s own form.
    pub fn short(&self, i18n: &I18n, lang: Lang, t: UnixTime) -> String {
        let Some(d) = self.civil(t) else {
            return t.to_string();
        };
        let month = i18n.text_with(
            lang,
            "month-short",
            &[("month", Arg::from(i64::from(d.month())))],
        );
        i18n.text_with(
            lang,
            "date-time-short",
            &[
                ("day", Arg::from(i64::from(d.day()))),
                ("month", Arg::from(month)),
                ("time", Arg::from(self.clock(t))),
            ],
        )
    }

    /// "2 Dec 08:30 (23 h ago)".
    pub fn short_with_age(&self, i18n: &I18n, lang: Lang, t: UnixTime, now: UnixTime) -> String {
        i18n.text_with(
            lang,
            "time-with-age",
            &[
                ("time", Arg::from(self.short(i18n, lang, t))),
                ("age", Arg::from(age(i18n, lang, t, now))),
            ],
        )
    }
}

/// How long ago `t` was at `now`, in words: "just now", "9 min ago",
/// "23 h ago", "6 days ago". A time in the future (a clock a little
/// ahead) is "just now".
pub fn age(i18n: &I18n, lang: Lang, t: UnixTime, now: UnixTime) -> String {
    let secs = now.0.saturating_sub(t.0).max(0);
    let (key, n) = match secs {
        s if s < 60 => return i18n.text(lang, "age-now"),
        s if s < 3600 => ("age-minutes", s / 60),
        s if s < 48 * 3600 => ("age-hours", s / 3600),
        s => ("age-days", s / 86_400),
    };
    i18n.text_with(lang, key, &[("n", Arg::from(n))])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// 2026-12-02T00:30:00Z: 08:30 in Shanghai, 02:30 in Cairo.
    const T: UnixTime = UnixTime(1_796_171_400);

    #[test]
    fn local_times_in_each_language_s_form() {
        let i = I18n::global();
        let shanghai = Zone::named("Asia/Shanghai").unwrap();
        let now = T.plus(23 * 3600 + 10 * 60);
        assert_eq!(shanghai.clock(T), "08:30");
        assert_eq!(shanghai.short(i, Lang::En, T), "2 Dec 08:30");
        assert_eq!(shanghai.short(i, Lang::ZhCn, T), "12月2日 08:30");
        assert_eq!(
            shanghai.short_with_age(i, Lang::En, T, now),
            "2 Dec 08:30 (23 h ago)"
        );
        assert_eq!(
            shanghai.short_with_age(i, Lang::ZhCn, T, now),
            "12月2日 08:30（23 小时前）"
        );
        assert_eq!(shanghai.short(i, Lang::Th, T), "2 ธ.ค. 08:30");
        let cairo = Zone::named("Africa/Cairo").unwrap();
        assert_eq!(cairo.short(i, Lang::Ar, T), "2 ديسمبر 02:30");
        assert_eq!(cairo.staff_time(T), "2026-12-02 02:30 UTC+02:00");
        assert_eq!(Zone::utc().staff_time(T), "2026-12-02 00:30 UTC+00:00");
        // Every language has a form with the day and the time in it.
        for lang in Lang::ALL {
            let s = shanghai.short(i, lang, T);
            assert!(s.contains('2') && s.contains("08:30"), "{lang:?}: {s}");
        }
    }

    #[test]
    fn ages_in_words() {
        let i = I18n::global();
        let age = |secs: i64, lang| age(i, lang, T, T.plus(secs));
        assert_eq!(age(-30, Lang::En), "just now");
        assert_eq!(age(59, Lang::En), "just now");
        assert_eq!(age(9 * 60, Lang::En), "9 min ago");
        assert_eq!(age(23 * 3600, Lang::En), "23 h ago");
        assert_eq!(age(47 * 3600, Lang::En), "47 h ago");
        assert_eq!(age(6 * 86_400 + 5, Lang::En), "6 days ago");
        assert_eq!(age(86_400 * 2, Lang::Ru), "2 дня назад");
        assert_eq!(age(86_400 * 5, Lang::Ru), "5 дней назад");
        assert_eq!(age(6 * 86_400, Lang::ZhCn), "6 天前");
        assert_eq!(age(6 * 86_400, Lang::Th), "6 วันที่แล้ว");
    }

    #[test]
    fn a_zone_that_does_not_exist_is_refused() {
        assert!(Zone::named("Mars/Olympus").is_err());
        assert_eq!(
            Zone::named("Asia/Shanghai").unwrap().name(),
            "Asia/Shanghai"
        );
        // An unknown setting falls back to the system's zone; empty is it.
        assert_eq!(Zone::from_setting("Mars/Olympus"), Zone::system());
        assert_eq!(Zone::from_setting(""), Zone::system());
    }
}
