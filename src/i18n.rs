//! The screen text in the kiosk's 16 languages, and the fonts that draw it.
//!
//! The text lives in Fluent files, `i18n/<tag>/ui.ftl`, embedded at build
//! time: every language has exactly the keys of `i18n/en/ui.ftl`. A missing
//! key falls back to English, then to the key itself; it is logged once and
//! never panics.
//!
//! ```
//! use healthgate::i18n::{Arg, I18n, Lang};
//!
//! let i18n = I18n::global();
//! assert_eq!(i18n.text(Lang::ZhCn, "verdict-green"), "通过");
//! let line = i18n.text_with(Lang::En, "pin-wrong", &[("left", Arg::from(2))]);
//! assert_eq!(line, "Wrong PIN. 2 tries left");
//! ```
//!
//! [`FONTS`] are subsets of Noto fonts made by `scripts/make-fonts.sh` from
//! the characters of these files, plus what masked names need; see
//! `assets/fonts/README.md`.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::verdict::Reason;

/// A language of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    ZhCn,
    ZhHk,
    En,
    Ja,
    Ko,
    Ru,
    Fr,
    De,
    Es,
    Pt,
    It,
    Ar,
    Th,
    Vi,
    Id,
    Ms,
}

impl Lang {
    /// Every language, in the order the scan screen offers them (the order of
    /// [`crate::code::LANGUAGES`]).
    pub const ALL: [Lang; 16] = [
        Lang::ZhCn,
        Lang::ZhHk,
        Lang::En,
        Lang::Ja,
        Lang::Ko,
        Lang::Ru,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Ar,
        Lang::Th,
        Lang::Vi,
        Lang::Id,
        Lang::Ms,
    ];

    /// The BCP 47 tag, as in [`crate::code::LANGUAGES`] and the folder names
    /// under `i18n/`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhHk => "zh-HK",
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Ru => "ru",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Ar => "ar",
            Lang::Th => "th",
            Lang::Vi => "vi",
            Lang::Id => "id",
            Lang::Ms => "ms",
        }
    }

    /// The language of a tag: the exact tags of [`Lang::tag`], in any case,
    /// with `_` or `-`, and the usual variants: a region or script the kiosk
    /// has no text of its own for maps to its language (`en-GB`, `pt-BR`,
    /// `ms-MY`); Chinese maps by script (`zh-Hans*` to zh-CN, `zh-Hant*` to
    /// zh-HK), else by region (`zh-TW`, `zh-MO` to zh-HK); Cantonese (`yue`)
    /// to zh-HK and the old code `in` to Indonesian.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        if let Some(lang) = Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&tag))
        {
            return Some(lang);
        }
        let mut subtags = tag.split('-').filter(|s| !s.is_empty());
        let language = subtags.next()?;
        let rest: Vec<&str> = subtags.collect();
        let lang = match language {
            "zh" | "cmn" => {
                if rest.contains(&"hant") {
                    Lang::ZhHk
                } else if rest.contains(&"hans") {
                    Lang::ZhCn
                } else if rest.iter().any(|s| matches!(*s, "hk" | "mo" | "tw")) {
                    Lang::ZhHk
                } else {
                    Lang::ZhCn
                }
            }
            "yue" => Lang::ZhHk,
            "in" => Lang::Id,
            other => Lang::ALL.into_iter().find(|l| l.tag() == other)?,
        };
        Some(lang)
    }

    /// The language's name in itself, for the language buttons.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhCn => "简体中文",
            Lang::ZhHk => "繁體中文（香港）",
            Lang::En => "English",
            Lang::Ja => "日本語",
            Lang::Ko => "한국어",
            Lang::Ru => "Русский",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::Es => "Español",
            Lang::Pt => "Português",
            Lang::It => "Italiano",
            Lang::Ar => "العربية",
            Lang::Th => "ไทย",
            Lang::Vi => "Tiếng Việt",
            Lang::Id => "Bahasa Indonesia",
            Lang::Ms => "Bahasa Melayu",
        }
    }

    /// Whether the screen lays this language out right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The font family to draw this language's text in (one of [`FONTS`]).
    /// It has every character of the language's screen text except Latin
    /// letters and digits, which [`DEFAULT_FONT_FAMILY`] has; the CJK
    /// languages get their own region's glyph forms. Characters it lacks
    /// (a masked name in another script) fall back to the other [`FONTS`].
    pub fn font_family(self) -> &'static str {
        match self {
            Lang::ZhCn => "Noto Sans CJK SC",
            Lang::ZhHk => "Noto Sans CJK HK",
            Lang::Ja => "Noto Sans CJK JP",
            Lang::Ko => "Noto Sans CJK KR",
            Lang::Ar => "Noto Sans Arabic",
            Lang::Th => "Noto Sans Thai",
            _ => DEFAULT_FONT_FAMILY,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The embedded `ui.ftl` of this language.
    fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => include_str!("../i18n/zh-CN/ui.ftl"),
            Lang::ZhHk => include_str!("../i18n/zh-HK/ui.ftl"),
            Lang::En => include_str!("../i18n/en/ui.ftl"),
            Lang::Ja => include_str!("../i18n/ja/ui.ftl"),
            Lang::Ko => include_str!("../i18n/ko/ui.ftl"),
            Lang::Ru => include_str!("../i18n/ru/ui.ftl"),
            Lang::Fr => include_str!("../i18n/fr/ui.ftl"),
            Lang::De => include_str!("../i18n/de/ui.ftl"),
            Lang::Es => include_str!("../i18n/es/ui.ftl"),
            Lang::Pt => include_str!("../i18n/pt/ui.ftl"),
            Lang::It => include_str!("../i18n/it/ui.ftl"),
            Lang::Ar => include_str!("../i18n/ar/ui.ftl"),
            Lang::Th => include_str!("../i18n/th/ui.ftl"),
            Lang::Vi => include_str!("../i18n/vi/ui.ftl"),
            Lang::Id => include_str!("../i18n/id/ui.ftl"),
            Lang::Ms => include_str!("../i18n/ms/ui.ftl"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A value for a placeable such as `{ $minutes }`. Numbers also choose the
/// plural form of the message (`1 try` / `2 tries`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Number(value)
    }
}

impl From<i32> for Arg {
    fn from(value: i32) -> Self {
        Arg::Number(value.into())
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Arg::Number(value.into())
    }
}

impl From<u64> for Arg {
    /// Saturates at `i64::MAX`.
    fn from(value: u64) -> Self {
        Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg {
    /// Saturates at `i64::MAX`.
    fn from(value: usize) -> Self {
        Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

/// The screen text of every language, built once ([`I18n::global`]).
pub struct I18n {
    /// One bundle per language, in the order of [`Lang::ALL`].
    bundles: Vec<FluentBundle<FluentResource>>,
    /// The message ids of each language, sorted.
    keys: Vec<Vec<String>>,
    /// The (language, key) pairs already reported, so each is logged once.
    reported: Mutex<HashSet<(Lang, String)>>,
}

impl fmt::Debug for I18n {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.bundles.len())
            .field("keys", &self.keys.first().map_or(0, Vec::len))
            .finish_non_exhaustive()
    }
}

impl I18n {
    /// The text of the 16 languages, parsed on first use.
    pub fn global() -> &'static I18n {
        static GLOBAL: OnceLock<I18n> = OnceLock::new();
        GLOBAL.get_or_init(|| I18n::build(Lang::source))
    }

    /// Builds the bundles from the Fluent source of each language. Parse
    /// errors are logged and the messages that did parse are kept.
    fn build(source: impl Fn(Lang) -> &'static str) -> I18n {
        let mut bundles = Vec::with_capacity(Lang::ALL.len());
        let mut keys = Vec::with_capacity(Lang::ALL.len());
        for lang in Lang::ALL {
            let resource = match FluentResource::try_new(source(lang).to_owned()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        tracing::error!(lang = lang.tag(), %error, "broken Fluent text in ui.ftl");
                    }
                    resource
                }
            };
            let mut ids: Vec<String> = resource
                .entries()
                .filter_map(|entry| match entry {
                    ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            keys.push(ids);

            let locale: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![locale]);
            // Unicode isolation marks around placeables: the GUI's text
            // layout does its own bidi, and the marks would draw as boxes.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                for error in errors {
                    tracing::error!(lang = lang.tag(), %error, "duplicate message in ui.ftl");
                }
            }
            bundles.push(bundle);
        }
        I18n {
            bundles,
            keys,
            reported: Mutex::new(HashSet::new()),
        }
    }

    /// The text of `key` in `lang`.
    pub fn text(&self, lang: Lang, key: &str) -> String {
        self.text_with(lang, key, &[])
    }

    /// The text of `key` in `lang`, with its placeables filled in from
    /// `args` (names without the `$`).
    pub fn text_with(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        let args = (!args.is_empty()).then(|| {
            let mut fluent = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                let value = match value {
                    Arg::Text(text) => FluentValue::from(text.as_str()),
                    Arg::Number(number) => FluentValue::from(*number),
                };
                fluent.set(*name, value);
            }
            fluent
        });
        if let Some(text) = self.format(lang, key, args.as_ref()) {
            return text;
        }
        self.report_once(lang, key, "missing screen text; falling back to English");
        if lang != Lang::En
            && let Some(text) = self.format(Lang::En, key, args.as_ref())
        {
            return text;
        }
        key.to_owned()
    }

    /// The message ids of `lang`, sorted.
    pub fn keys(&self, lang: Lang) -> Vec<String> {
        self.keys.get(lang.index()).cloned().unwrap_or_default()
    }

    /// A verdict reason in plain language: the message `reason-<key>`.
    pub fn reason(&self, lang: Lang, reason: Reason) -> String {
        self.text(lang, &format!("reason-{}", reason.key()))
    }

    /// Formats one message, or `None` when `lang` has no value for `key`.
    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.bundles.get(lang.index())?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            // The errors name the variables, never their values.
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            self.report_once(
                lang,
                key,
                &format!("screen text incomplete: {}", errors.join("; ")),
            );
        }
        Some(text.into_owned())
    }

    fn report_once(&self, lang: Lang, key: &str, what: &str) {
        let first = self
            .reported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((lang, key.to_owned()));
        if first {
            tracing::warn!(lang = lang.tag(), key, "{what}");
        }
    }
}

/// The font family the GUI uses by default: Latin, Greek, Cyrillic and
/// Vietnamese. Other scripts come from [`Lang::font_family`] or fall back
/// through [`FONTS`].
pub const DEFAULT_FONT_FAMILY: &str = "Noto Sans";

/// The symbols the GUI may draw besides the screen text (verdict icons,
/// arrows, the PIN pad); the fonts cover every one of them.
pub const GUI_SYMBOLS: &str = "✔✖✓✗✕!?…·•—–⚠⚙⌫←→↑↓▶◀▲▼●○☐☑★🔊🔒";

/// The fonts the GUI loads at start-up, in fallback order: (family name,
/// font file). Regular and Bold of each family; no system font is needed.
pub const FONTS: &[(&str, &[u8])] = &[
    (
        "Noto Sans",
        include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "Noto Sans",
        include_bytes!("../assets/fonts/NotoSans-Bold.ttf"),
    ),
    (
        "Noto Sans CJK SC",
        include_bytes!("../assets/fonts/NotoSansCJKsc-Regular.otf"),
    ),
    (
        "Noto Sans CJK SC",
        include_bytes!("../assets/fonts/NotoSansCJKsc-Bold.otf"),
    ),
    (
        "Noto Sans CJK HK",
        include_bytes!("../assets/fonts/NotoSansCJKhk-Regular.otf"),
    ),
    (
        "Noto Sans CJK HK",
        include_bytes!("../assets/fonts/NotoSansCJKhk-Bold.otf"),
    ),
    (
        "Noto Sans CJK JP",
        include_bytes!("../assets/fonts/NotoSansCJKjp-Regular.otf"),
    ),
    (
        "Noto Sans CJK JP",
        include_bytes!("../assets/fonts/NotoSansCJKjp-Bold.otf"),
    ),
    (
        "Noto Sans CJK KR",
        include_bytes!("../assets/fonts/NotoSansCJKkr-Regular.otf"),
    ),
    (
        "Noto Sans CJK KR",
        include_bytes!("../assets/fonts/NotoSansCJKkr-Bold.otf"),
    ),
    (
        "Noto Sans Arabic",
        include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "Noto Sans Arabic",
        include_bytes!("../assets/fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "Noto Sans Thai",
        include_bytes!("../assets/fonts/NotoSansThai-Regular.ttf"),
    ),
    (
        "Noto Sans Thai",
        include_bytes!("../assets/fonts/NotoSansThai-Bold.ttf"),
    ),
    (
        "Noto Sans Symbols",
        include_bytes!("../assets/fonts/NotoSansSymbols-Regular.ttf"),
    ),
    (
        "Noto Sans Symbols2",
        include_bytes!("../assets/fonts/NotoSansSymbols2-Regular.ttf"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn partial(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "hello = Hello\ngreet = Hi { $name }, { $n } new\n",
            Lang::Fr => "hello = Bonjour\n",
            _ => "",
        }
    }

    #[test]
    fn i18n_missing_key_falls_back_to_english_then_to_the_key() {
        let i18n = I18n::build(partial);
        assert_eq!(i18n.text(Lang::Fr, "hello"), "Bonjour");
        assert_eq!(i18n.text(Lang::Fr, "greet"), "Hi {$name}, {$n} new");
        assert_eq!(
            i18n.text_with(
                Lang::Ja,
                "greet",
                &[("name", "Ann".into()), ("n", 3.into())]
            ),
            "Hi Ann, 3 new"
        );
        assert_eq!(i18n.text(Lang::Ja, "no-such-key"), "no-such-key");
        assert_eq!(i18n.text(Lang::En, "no-such-key"), "no-such-key");
        assert!(i18n.keys(Lang::Ko).is_empty());
        assert_eq!(i18n.keys(Lang::En), ["greet", "hello"]);
    }

    #[test]
    fn i18n_broken_source_keeps_what_parses() {
        fn broken(lang: Lang) -> &'static str {
            if lang == Lang::En {
                "ok = Fine\nbad = { $\nalso = Also\n"
            } else {
                ""
            }
        }
        let i18n = I18n::build(broken);
        assert_eq!(i18n.text(Lang::En, "ok"), "Fine");
        assert_eq!(i18n.text(Lang::En, "also"), "Also");
        assert_eq!(i18n.text(Lang::En, "bad"), "bad");
    }

    #[test]
    fn i18n_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<I18n>();
    }

    #[test]
    fn i18n_lang_tags_round_trip_and_match_the_code_languages() {
        let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
        assert_eq!(tags, crate::code::LANGUAGES);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(Lang::from_tag(&lang.tag().to_uppercase()), Some(lang));
        }
    }

    #[test]
    fn i18n_from_tag_variants() {
        let cases = [
            ("zh_cn", Some(Lang::ZhCn)),
            ("zh", Some(Lang::ZhCn)),
            ("zh-Hans", Some(Lang::ZhCn)),
            ("zh-Hans-HK", Some(Lang::ZhCn)),
            ("zh-SG", Some(Lang::ZhCn)),
            ("zh-Hant", Some(Lang::ZhHk)),
            ("zh-Hant-HK", Some(Lang::ZhHk)),
            ("zh-TW", Some(Lang::ZhHk)),
            ("zh-MO", Some(Lang::ZhHk)),
            ("yue", Some(Lang::ZhHk)),
            ("en-GB", Some(Lang::En)),
            (" EN_us ", Some(Lang::En)),
            ("pt-BR", Some(Lang::Pt)),
            ("ms-MY", Some(Lang::Ms)),
            ("in", Some(Lang::Id)),
            ("ar-EG", Some(Lang::Ar)),
            ("", None),
            ("-", None),
            ("nl", None),
            ("english", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_tag(tag), want, "{tag:?}");
        }
    }
}
