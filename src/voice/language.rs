//! Which of the 16 languages the kiosk speaks to a person.

use crate::code::LANGUAGES;

/// The kiosk's language for a BCP 47 tag: an exact (case-insensitive) match
/// of one of the 16, else the closest by primary language (`en-US` -> `en`,
/// `pt-BR` -> `pt`, `zh-Hans` -> `zh-CN`; `zh-Hant-HK`, `zh-MO` and `yue`
/// -> `zh-HK`, the Cantonese voice; Taiwan's Mandarin -> `zh-CN`). `None`
/// for a language the kiosk does not speak.
pub fn normalise_language(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    if let Some(exact) = LANGUAGES.iter().find(|l| l.eq_ignore_ascii_case(tag)) {
        return Some(exact);
    }
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let mut subtags = lower.split('-');
    let primary = subtags.next().unwrap_or_default();
    let rest: Vec<&str> = subtags.collect();
    match primary {
        "yue" => Some("zh-HK"),
        "zh" if rest.iter().any(|s| matches!(*s, "hk" | "mo" | "yue")) => Some("zh-HK"),
        "zh" | "cmn" => Some("zh-CN"),
        "in" => Some("id"),
        "zsm" => Some("ms"),
        _ => LANGUAGES.iter().find(|l| **l == primary).copied(),
    }
}

/// The language to speak a verdict in: the credential's preferred language
/// if it has one the kiosk speaks, else the language the person touched on
/// the screen, else the kiosk's default, else English.
pub fn choose_language(
    credential: Option<&str>,
    touched: Option<&str>,
    kiosk_default: &str,
) -> &'static str {
    credential
        .and_then(normalise_language)
        .or_else(|| touched.and_then(normalise_language))
        .or_else(|| normalise_language(kiosk_default))
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_then_touched_then_default() {
        assert_eq!(choose_language(Some("ja"), Some("fr"), "de"), "ja");
        assert_eq!(choose_language(None, Some("fr"), "de"), "fr");
        assert_eq!(choose_language(None, None, "de"), "de");
        assert_eq!(choose_language(None, None, "xx"), "en");
    }

    #[test]
    fn an_unknown_language_falls_through() {
        assert_eq!(choose_language(Some("sw"), Some("ko"), "en"), "ko");
        assert_eq!(choose_language(Some(""), None, "th"), "th");
        assert_eq!(choose_language(Some("??"), Some("tlh"), "zz"), "en");
    }

    #[test]
    fn every_kiosk_language_is_itself() {
        for l in LANGUAGES {
            assert_eq!(normalise_language(l), Some(l));
            assert_eq!(normalise_language(&l.to_ascii_lowercase()), Some(l));
        }
    }

    #[test]
    fn close_tags_map_to_the_kiosk_language() {
        for (tag, want) in [
            ("en-US", "en"),
            ("EN_gb", "en"),
            ("pt-BR", "pt"),
            ("fr-CA", "fr"),
            ("es-419", "es"),
            ("ar-EG", "ar"),
            ("zh", "zh-CN"),
            ("zh-Hans", "zh-CN"),
            ("zh-Hans-CN", "zh-CN"),
            ("zh-TW", "zh-CN"),
            ("zh-Hant-HK", "zh-HK"),
            ("zh-MO", "zh-HK"),
            ("yue", "zh-HK"),
            ("yue-Hant", "zh-HK"),
            ("in", "id"),
            ("ms-MY", "ms"),
            (" ja ", "ja"),
        ] {
            assert_eq!(normalise_language(tag), Some(want), "{tag}");
        }
        for tag in ["", "-", "sw", "zz-CN", "english"] {
            assert_eq!(normalise_language(tag), None, "{tag}");
        }
    }
}
