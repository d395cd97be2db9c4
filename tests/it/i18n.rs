//! The screen text in 16 languages (`i18n/<tag>/ui.ftl`) and the fonts that
//! draw it: complete in every language, every key the code uses exists, the
//! placeables match English, and every character has a real glyph.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use healthgate::i18n::{Arg, DEFAULT_FONT_FAMILY, FONTS, GUI_SYMBOLS, I18n, Lang};
use healthgate::verdict::Reason;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The parsed `ui.ftl` of a language; a parse error fails the test.
fn messages(lang: Lang) -> BTreeMap<String, ast::Message<String>> {
    let path = root().join("i18n").join(lang.tag()).join("ui.ftl");
    let source = std::fs::read_to_string(&path).unwrap();
    let (resource, errors) = match fluent_syntax::parser::parse(source) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    assert!(
        errors.is_empty(),
        "{}: Fluent syntax errors: {errors:?}",
        path.display()
    );
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let id = message.id.name.clone();
            assert!(
                out.insert(id.clone(), message).is_none(),
                "{}: `{id}` is defined twice",
                lang.tag()
            );
        }
    }
    out
}

/// The patterns of a message: its value and its attributes.
fn patterns(message: &ast::Message<String>) -> Vec<&ast::Pattern<String>> {
    message
        .value
        .iter()
        .chain(message.attributes.iter().map(|a| &a.value))
        .collect()
}

/// What a pattern uses and shows: its variables and its literal text.
#[derive(Default)]
struct Walk {
    variables: BTreeSet<String>,
    text: String,
}

impl Walk {
    fn message(message: &ast::Message<String>) -> Walk {
        let mut walk = Walk::default();
        for pattern in patterns(message) {
            walk.pattern(pattern);
        }
        walk
    }

    fn pattern(&mut self, pattern: &ast::Pattern<String>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => self.text.push_str(value),
                ast::PatternElement::Placeable { expression } => self.expression(expression),
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
            ast::Expression::Inline(inline) => self.inline(inline),
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.clone());
            }
            ast::InlineExpression::StringLiteral { value } => self.text.push_str(value),
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for argument in &arguments.positional {
                    self.inline(argument);
                }
                for argument in &arguments.named {
                    self.inline(&argument.value);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => {}
        }
    }
}

#[test]
fn i18n_every_language_has_exactly_the_same_keys() {
    let english: BTreeSet<String> = messages(Lang::En).into_keys().collect();
    assert!(
        english.len() >= 90,
        "English has only {} keys",
        english.len()
    );
    let mut report = String::new();
    for lang in Lang::ALL {
        let keys: BTreeSet<String> = messages(lang).into_keys().collect();
        let missing: Vec<_> = english.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&english).collect();
        if !missing.is_empty() || !extra.is_empty() {
            writeln!(
                report,
                "{}: missing {missing:?}, extra {extra:?}",
                lang.tag()
            )
            .unwrap();
        }
        // The embedded text is the same as the files.
        let embedded: BTreeSet<String> = I18n::global().keys(lang).into_iter().collect();
        assert_eq!(
            embedded,
            keys,
            "{}: embedded keys differ from the file",
            lang.tag()
        );
    }
    assert!(
        report.is_empty(),
        "languages whose keys differ from English:\n{report}"
    );
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn i18n_every_key_used_in_the_code_exists_in_all_languages() {
    // `.text(lang, "key")` and `.text_with(lang, "key", ...)`, across lines;
    // the first argument may hold one level of parentheses (`self.lang()`).
    let call =
        regex::Regex::new(r#"\.text(?:_with)?\(\s*(?:[^,;(){}"]|\([^()]*\))+,\s*"([a-z0-9-]+)""#)
            .unwrap();
    let sample = "i18n.text_with(\n    self.lang(),\n    \"pin-wrong\",\n    &[]);\n\
                  x.text(lang, \"scan-prompt\"); y.text().await; f(a, \"not-a-key\")";
    let found: Vec<&str> = call
        .captures_iter(sample)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(found, ["pin-wrong", "scan-prompt"]);

    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut used: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        // Unit tests at the end of a file may use keys of their own.
        let source = source.split("#[cfg(test)]").next().unwrap_or_default();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        for captures in call.captures_iter(source) {
            used.entry(captures[1].to_owned())
                .or_default()
                .push(name.clone());
        }
    }
    for reason in Reason::ALL {
        used.entry(format!("reason-{}", reason.key()))
            .or_default()
            .push("Reason::ALL".to_owned());
    }
    let mut report = String::new();
    for lang in Lang::ALL {
        let keys: BTreeSet<String> = I18n::global().keys(lang).into_iter().collect();
        for (key, places) in &used {
            if !keys.contains(key) {
                writeln!(report, "{}: `{key}` (used in {places:?})", lang.tag()).unwrap();
            }
        }
    }
    assert!(
        report.is_empty(),
        "keys used in the code but missing:\n{report}"
    );
}

#[test]
fn i18n_placeables_match_english_in_every_language() {
    let english = messages(Lang::En);
    let mut report = String::new();
    for lang in Lang::ALL {
        let messages = messages(lang);
        for (key, message) in &english {
            let Some(translated) = messages.get(key) else {
                continue;
            };
            let want = Walk::message(message).variables;
            let got = Walk::message(translated).variables;
            if want != got {
                writeln!(
                    report,
                    "{} `{key}`: English has {want:?}, this has {got:?}",
                    lang.tag()
                )
                .unwrap();
            }
        }
    }
    assert!(
        report.is_empty(),
        "placeables that differ from English:\n{report}"
    );
}

#[test]
fn i18n_files_have_no_bidi_controls() {
    let controls = [
        '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
        '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ];
    for lang in Lang::ALL {
        let path = root().join("i18n").join(lang.tag()).join("ui.ftl");
        let source = std::fs::read_to_string(path).unwrap();
        let found: Vec<char> = source.chars().filter(|c| controls.contains(c)).collect();
        assert!(found.is_empty(), "{}: bidi controls {found:?}", lang.tag());
    }
}

/// A sample value for each placeable the screen fills in.
fn sample(variable: &str) -> Arg {
    match variable {
        "minutes" | "left" | "doses" | "seconds" | "version" | "n" | "day" | "month" => {
            Arg::Number(3)
        }
        "time" => "08:30".into(),
        "date" => "2025-11-20".into(),
        "file" => "records-2025-11-27.csv".into(),
        other => format!("<{other}>").into(),
    }
}

#[test]
fn i18n_text_with_formats_numbers_and_text_without_isolation_marks() {
    let i18n = I18n::global();
    let english = messages(Lang::En);
    for lang in Lang::ALL {
        for (key, message) in &english {
            let variables = Walk::message(message).variables;
            let args: Vec<(&str, Arg)> =
                variables.iter().map(|v| (v.as_str(), sample(v))).collect();
            let text = i18n.text_with(lang, key, &args);
            let context = format!("{} `{key}`: {text:?}", lang.tag());
            assert!(!text.trim().is_empty(), "{context}");
            assert!(
                !text.contains(['\u{2068}', '\u{2069}']),
                "isolation marks in {context}"
            );
            assert!(
                !text.contains('{') && !text.contains('}'),
                "unfilled placeable in {context}"
            );
            assert_ne!(&text, key, "{context}");
            for (variable, arg) in &args {
                if key == "month-short" {
                    // A month's number picks its name.
                    continue;
                }
                let shown = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Number(n) => n.to_string(),
                };
                assert!(text.contains(&shown), "${variable} not shown in {context}");
            }
        }
    }

    // Plural forms follow each language's rules.
    let left = |lang, n: i64| i18n.text_with(lang, "pin-wrong", &[("left", n.into())]);
    assert_eq!(left(Lang::En, 1), "Wrong PIN. 1 try left");
    assert_eq!(left(Lang::En, 3), "Wrong PIN. 3 tries left");
    assert!(left(Lang::Ru, 1).ends_with("1 попытка"));
    assert!(left(Lang::Ru, 3).ends_with("3 попытки"));
    assert!(left(Lang::Ru, 5).ends_with("5 попыток"));
    assert!(left(Lang::Ru, 21).ends_with("21 попытка"));
    let doses = |lang, n: i64| {
        i18n.text_with(
            lang,
            "vaccination-doses",
            &[("doses", n.into()), ("date", "2025-11-20".into())],
        )
    };
    assert_eq!(doses(Lang::En, 1), "1 dose, last 2025-11-20");
    assert_eq!(doses(Lang::De, 2), "2 Dosen, zuletzt am 2025-11-20");
    assert!(doses(Lang::Ar, 2).starts_with("جرعتان"));
    assert!(doses(Lang::Ar, 5).starts_with("5 جرعات"));
    assert_eq!(
        i18n.text_with(Lang::ZhCn, "rules-synced", &[("age", "12 分钟前".into())]),
        "规则更新：12 分钟前"
    );
    assert_eq!(
        i18n.text_with(Lang::Ar, "staff-exported", &[("file", "a.csv".into())]),
        "صُدِّر إلى a.csv"
    );
}

#[test]
fn i18n_reasons_and_verdict_words_are_short_and_present() {
    let i18n = I18n::global();
    for lang in Lang::ALL {
        for reason in Reason::ALL {
            let text = i18n.reason(lang, reason);
            assert!(
                !text.starts_with("reason-"),
                "{} {reason}: {text}",
                lang.tag()
            );
        }
        for colour in ["green", "yellow", "red", "grey"] {
            let word = i18n.text(lang, &format!("verdict-{colour}"));
            assert!(
                word.chars().count() <= 24,
                "{} verdict-{colour} is too long for the large word: {word}",
                lang.tag()
            );
        }
    }
}

#[test]
fn i18n_missing_keys_fall_back_to_the_key() {
    let i18n = I18n::global();
    assert_eq!(i18n.text(Lang::Th, "no-such-key"), "no-such-key");
    assert_eq!(
        i18n.text_with(Lang::Ar, "no-such-key", &[("x", 1.into())]),
        "no-such-key"
    );
    assert_eq!(i18n.text(Lang::ZhHk, "verdict-red"), "禁止進入");
}

#[test]
fn i18n_languages_tags_names_and_direction() {
    let names: Vec<&str> = Lang::ALL.iter().map(|l| l.native_name()).collect();
    assert_eq!(
        names,
        [
            "简体中文",
            "繁體中文（香港）",
            "English",
            "日本語",
            "한국어",
            "Русский",
            "Français",
            "Deutsch",
            "Español",
            "Português",
            "Italiano",
            "العربية",
            "ไทย",
            "Tiếng Việt",
            "Bahasa Indonesia",
            "Bahasa Melayu",
        ]
    );
    for tag in healthgate::code::LANGUAGES {
        assert_eq!(Lang::from_tag(tag).map(Lang::tag), Some(tag));
    }
    assert_eq!(Lang::from_tag("zh-Hant-HK"), Some(Lang::ZhHk));
    assert_eq!(Lang::from_tag("zh-hans"), Some(Lang::ZhCn));
    let rtl: Vec<Lang> = Lang::ALL.into_iter().filter(|l| l.is_rtl()).collect();
    assert_eq!(rtl, [Lang::Ar]);
}

/// The shipped fonts, parsed, with their declared family names.
fn faces() -> Vec<(&'static str, ttf_parser::Face<'static>)> {
    FONTS
        .iter()
        .map(|(family, data)| {
            let face = ttf_parser::Face::parse(data, 0)
                .map_err(|e| format!("{family}: not a font: {e}"))
                .unwrap();
            (*family, face)
        })
        .collect()
}

fn covered(faces: &[(&str, ttf_parser::Face<'_>)], c: char, family: Option<&str>) -> bool {
    faces
        .iter()
        .filter(|(f, _)| family.is_none_or(|family| *f == family || *f == DEFAULT_FONT_FAMILY))
        .any(|(_, face)| face.glyph_index(c).is_some())
}

#[test]
fn i18n_fonts_are_named_as_declared() {
    for (family, face) in faces() {
        let names: Vec<String> = face
            .names()
            .into_iter()
            .filter(|n| {
                n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                    || n.name_id == ttf_parser::name_id::FAMILY
            })
            .filter_map(|n| n.to_string())
            .collect();
        assert!(
            names.iter().any(|n| n == family),
            "{family}: the font calls itself {names:?}"
        );
    }
    assert!(FONTS.iter().any(|(f, _)| *f == DEFAULT_FONT_FAMILY));
    for lang in Lang::ALL {
        assert!(
            FONTS.iter().any(|(f, _)| *f == lang.font_family()),
            "{lang}"
        );
    }
    let total: usize = FONTS.iter().map(|(_, data)| data.len()).sum();
    assert!(total < 20 << 20, "the fonts take {total} bytes");
}

#[test]
fn i18n_fonts_cover_every_character_of_the_screen_text() {
    let faces = faces();
    let mut report = String::new();
    for lang in Lang::ALL {
        for (key, message) in messages(lang) {
            let text = Walk::message(&message).text;
            // Anywhere on the screen: some font has the glyph. In its own
            // language's family (with the default one for Latin): no mixed
            // designs within a line.
            let missing: BTreeSet<char> = text
                .chars()
                .filter(|c| !c.is_control())
                .filter(|&c| !covered(&faces, c, Some(lang.font_family())))
                .collect();
            if !missing.is_empty() {
                let anywhere: BTreeSet<char> = missing
                    .iter()
                    .copied()
                    .filter(|&c| !covered(&faces, c, None))
                    .collect();
                writeln!(
                    report,
                    "{} `{key}`: not in {}: {missing:?}; in no font at all: {anywhere:?}",
                    lang.tag(),
                    lang.font_family()
                )
                .unwrap();
            }
        }
        let name = lang.native_name();
        let missing: Vec<char> = name
            .chars()
            .filter(|&c| !covered(&faces, c, None))
            .collect();
        if !missing.is_empty() {
            writeln!(report, "native name {name}: {missing:?}").unwrap();
        }
    }
    let missing: Vec<char> = GUI_SYMBOLS
        .chars()
        .filter(|&c| !covered(&faces, c, None))
        .collect();
    if !missing.is_empty() {
        writeln!(report, "GUI symbols: {missing:?}").unwrap();
    }
    assert!(
        report.is_empty(),
        "characters without a glyph (run scripts/make-fonts.sh):\n{report}"
    );
}

#[test]
fn i18n_fonts_cover_any_masked_name() {
    let faces = faces();
    let ranges = [
        // As far as Noto Sans CJK 2.004 goes: U+9FF0..U+9FFF came with
        // Unicode 13 and 14.
        ('\u{4E00}', '\u{9FEF}', "CJK Unified Ideographs"),
        ('\u{AC00}', '\u{D7A3}', "Hangul syllables"),
        ('\u{3041}', '\u{3096}', "Hiragana"),
        ('\u{30A1}', '\u{30FA}', "Katakana"),
        ('A', 'Z', "Latin"),
        ('\u{C0}', '\u{17F}', "Latin-1 and Extended-A"),
        ('\u{410}', '\u{44F}', "Cyrillic"),
        ('\u{391}', '\u{3A9}', "Greek"),
        ('\u{621}', '\u{64A}', "Arabic letters"),
        ('\u{E01}', '\u{E2E}', "Thai consonants"),
    ];
    let mut report = String::new();
    for (first, last, what) in ranges {
        let missing: Vec<char> = (first..=last)
            .filter(|c| c.is_alphabetic())
            .filter(|&c| !covered(&faces, c, None))
            .collect();
        if !missing.is_empty() {
            let head: String = missing.iter().take(20).collect();
            writeln!(report, "{what}: {} missing, e.g. {head}", missing.len()).unwrap();
        }
    }
    assert!(
        report.is_empty(),
        "name characters without a glyph:\n{report}"
    );
}
