//! The voice: the clips on disk, the script that makes them, and playback
//! through a recording sink (no sound card needed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use healthgate::code::LANGUAGES;
use healthgate::verdict::{Colour, Reason, Verdict};
use healthgate::voice::{
    Announcement, AudioStatus, Clip, ClipLibrary, Event, Player, RecordingSink, RodioSink, Sink,
    SinkError, choose_language, clips_for, decode,
};

const COLOURS: [Colour; 4] = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Grey];
pub(super) const WAIT: Duration = Duration::from_secs(10);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn assets() -> PathBuf {
    root().join("assets").join("voice")
}

/// A library over the committed clips, with an override folder that does
/// not exist (so an operator's own recordings never change a test).
fn library() -> ClipLibrary {
    ClipLibrary::new(
        Some(assets()),
        Some(root().join("target/no-voice-override")),
    )
}

// --- voice.ftl ----------------------------------------------------------------

/// The messages of a voice.ftl: single-line `key = sentence`, comments and
/// blank lines; anything else is an error.
fn sentences(lang: &str) -> Vec<(String, String)> {
    let path = root().join("i18n").join(lang).join("voice.ftl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, sentence) = line
            .split_once(" = ")
            .ok_or_else(|| format!("{lang}/voice.ftl:{}: expected `key = sentence`", n + 1))
            .unwrap();
        assert!(
            key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !key.is_empty(),
            "{lang}/voice.ftl:{}: bad key {key:?}",
            n + 1
        );
        let sentence = sentence.trim_end();
        assert!(!sentence.trim().is_empty(), "{lang}/{key}: empty sentence");
        assert!(
            !sentence.contains(['{', '}']),
            "{lang}/{key}: no placeables in spoken sentences"
        );
        out.push((key.to_string(), sentence.to_string()));
    }
    out
}

#[test]
fn every_language_has_the_same_voice_keys_and_the_catalogue_uses_only_them() {
    let catalogue: BTreeSet<String> = Clip::ALL.iter().map(|c| c.key().to_string()).collect();
    for lang in LANGUAGES {
        let messages = sentences(lang);
        let keys: BTreeSet<String> = messages.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys.len(), messages.len(), "{lang}: a key appears twice");
        assert_eq!(keys, catalogue, "{lang}: keys differ from the catalogue");
    }
    // Every clip some verdict says is in the catalogue, so in every file.
    for colour in COLOURS {
        for reason in Reason::ALL {
            for clip in clips_for(&Verdict::with_floor(colour, vec![reason])) {
                assert!(catalogue.contains(clip.key()));
            }
        }
    }
}

// --- the committed clips --------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Row {
    seconds: f64,
    hash: String,
}

/// `clips.tsv`: (lang, key, variant) -> duration and sentence hash.
fn manifest(path: &Path) -> BTreeMap<(String, String, String), Row> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e}", path.display()))
        .unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("lang\tkey\tvariant\tseconds\tsha256"));
    let mut rows = BTreeMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "{line}");
        let row = Row {
            seconds: f[3].parse().unwrap(),
            hash: f[4].to_string(),
        };
        let old = rows.insert((f[0].to_string(), f[1].to_string(), f[2].to_string()), row);
        assert!(old.is_none(), "{line}: twice");
    }
    rows
}

fn clip_path(lang: &str, key: &str, variant: &str) -> PathBuf {
    let name = if variant == "slow" {
        format!("{key}.slow.ogg")
    } else {
        format!("{key}.ogg")
    };
    assets().join(lang).join(name)
}

#[test]
fn every_clip_exists_in_every_language_decodes_and_is_audible() {
    let rows = manifest(&assets().join("clips.tsv"));
    let mut files = Vec::new();
    for lang in LANGUAGES {
        for clip in Clip::ALL {
            for variant in ["normal", "slow"] {
                files.push((lang.to_string(), clip.key(), variant));
            }
        }
    }
    for colour in COLOURS {
        files.push(("chime".into(), colour.as_str(), "normal"));
    }
    let mut problems = Vec::new();
    let (mut shortest, mut longest, mut quietest) = (f64::MAX, 0.0_f64, f32::MAX);
    for (lang, key, variant) in &files {
        let path = if lang == "chime" {
            assets().join("chime").join(format!("{key}.ogg"))
        } else {
            clip_path(lang, key, variant)
        };
        let name = format!("{lang}/{key} ({variant})");
        let decoded = match decode(&path) {
            Ok(d) => d,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let (secs, peak) = (decoded.seconds(), decoded.peak());
        shortest = shortest.min(secs);
        longest = longest.max(secs);
        quietest = quietest.min(peak);
        if !(0.3..=6.0).contains(&secs) {
            problems.push(format!("{name}: lasts {secs:.2} s"));
        }
        if peak < 0.1 {
            problems.push(format!("{name}: peak {peak:.3}, too quiet"));
        }
        match rows.get(&(lang.clone(), (*key).to_string(), (*variant).to_string())) {
            Some(row) if (row.seconds - secs).abs() > 0.05 => {
                problems.push(format!(
                    "{name}: {secs:.2} s, clips.tsv says {:.2}",
                    row.seconds
                ));
            }
            Some(_) => {}
            None => problems.push(format!("{name}: not in clips.tsv")),
        }
    }
    eprintln!(
        "{} clips: {shortest:.2} s to {longest:.2} s, lowest peak {quietest:.2}",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        rows.len(),
        files.len(),
        "clips.tsv lists clips the catalogue does not name"
    );
}

#[test]
fn clips_tsv_matches_the_sentences() {
    let rows = manifest(&assets().join("clips.tsv"));
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        for (key, sentence) in sentences(lang) {
            let want = sha256_hex(sentence.as_bytes());
            let want = &want[..16];
            for variant in ["normal", "slow"] {
                match rows.get(&(lang.to_string(), key.clone(), variant.to_string())) {
                    Some(row) if row.hash != want => problems.push(format!(
                        "{lang}/{key} ({variant}): the sentence changed since the clip was made; run scripts/make-voice.sh"
                    )),
                    Some(_) => {}
                    None => problems.push(format!("{lang}/{key} ({variant}): no clip")),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_voice_folder_stays_under_8_mb() {
    fn size(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let meta = e.metadata().unwrap();
                if meta.is_dir() {
                    size(&e.path())
                } else {
                    meta.len()
                }
            })
            .sum()
    }
    let bytes = size(&assets());
    eprintln!("assets/voice: {} kB", bytes / 1000);
    assert!(bytes < 8 * 1024 * 1024, "{bytes} bytes");
}

#[test]
fn chimes_differ_by_colour() {
    let mut seen = Vec::new();
    for colour in COLOURS {
        let d = decode(
            &assets()
                .join("chime")
                .join(format!("{}.ogg", colour.as_str())),
        )
        .unwrap();
        let len = d.samples.len();
        assert!(
            !seen.contains(&len),
            "{colour}: same length as another chime"
        );
        seen.push(len);
    }
}

// --- the script ------------------------------------------------------------------

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Regenerates every clip into a temporary folder and compares the manifest
/// with the committed one: the same clips, durations within 0.05 s, and the
/// same sentence hashes. (All of them: the whole run takes about 20 s on
/// two cores.)
#[test]
fn make_voice_is_reproducible() {
    let tools = ["espeak-ng", "sox", "soxi", "oggenc"];
    if let Some(missing) = tools.iter().find(|t| !have(t)) {
        assert!(
            std::env::var_os("CI").is_none(),
            "{missing} is missing (scripts/setup.sh installs it)"
        );
        eprintln!("SKIPPED make_voice_is_reproducible: {missing} is not installed");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = Command::new("bash")
        .arg(root().join("scripts/make-voice.sh"))
        .arg("--no-install")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "make-voice.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!("make-voice.sh took {:.1?}", started.elapsed());
    let fresh = manifest(&out.path().join("clips.tsv"));
    let committed = manifest(&assets().join("clips.tsv"));
    let fresh_names: BTreeSet<_> = fresh.keys().collect();
    let committed_names: BTreeSet<_> = committed.keys().collect();
    assert_eq!(
        fresh_names, committed_names,
        "the clips differ; run scripts/make-voice.sh"
    );
    let mut problems = Vec::new();
    for (name, row) in &fresh {
        let old = &committed[name];
        if (row.seconds - old.seconds).abs() > 0.05 {
            problems.push(format!(
                "{name:?}: {:.2} s now, {:.2} s committed",
                row.seconds, old.seconds
            ));
        }
        if row.hash != old.hash {
            problems.push(format!("{name:?}: stale clip (sentence or recipe changed)"));
        }
        let file = if name.0 == "chime" {
            out.path().join("chime").join(format!("{}.ogg", name.1))
        } else {
            let n = if name.2 == "slow" {
                format!("{}.slow.ogg", name.1)
            } else {
                format!("{}.ogg", name.1)
            };
            out.path().join(&name.0).join(n)
        };
        if !file.is_file() {
            problems.push(format!("{name:?}: not written"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// --- playback ----------------------------------------------------------------------

pub(super) fn recording_player() -> (Player, healthgate::voice::Recording) {
    let (sink, rec) = RecordingSink::new();
    (Player::with_sink(library(), move || sink), rec)
}

fn rel(path: &Path) -> String {
    path.strip_prefix(assets())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

pub(super) fn plays(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Play(p) => Some(rel(p)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_verdict_plays_its_chime_then_its_sentences() {
    let (player, rec) = recording_player();
    let verdict = Verdict::with_floor(Colour::Yellow, vec![Reason::TestTooOld]);
    player.say(Announcement::verdict(&verdict, "th"));
    assert!(player.sync(WAIT));
    assert_eq!(
        rec.events(),
        [
            Event::Volume(1.0),
            Event::Play(assets().join("chime/yellow.ogg")),
            Event::Play(assets().join("th/yellow.ogg")),
            Event::Play(assets().join("th/test-too-old.ogg")),
            Event::Play(assets().join("th/see-staff.ogg")),
        ]
    );
    assert_eq!(player.status(), AudioStatus::Working);
}

#[test]
fn a_new_verdict_cuts_off_the_old_one() {
    let (player, rec) = recording_player();
    let red = Verdict::from_reasons(vec![Reason::CodeRed]);
    let green = Verdict::from_reasons(vec![]);
    player.say(Announcement::verdict(&red, "ar"));
    assert!(player.sync(WAIT));
    player.say(Announcement::verdict(&green, "ar"));
    assert!(player.sync(WAIT));
    let events = rec.events();
    let cut = events
        .iter()
        .position(|e| matches!(e, Event::CutOff(_)))
        .expect("a cut-off");
    assert_eq!(
        events[cut],
        Event::CutOff(3),
        "chime, red, see-staff were still queued"
    );
    assert_eq!(
        plays(&events[..cut]),
        ["chime/red.ogg", "ar/red.ogg", "ar/see-staff.ogg"]
    );
    assert_eq!(plays(&events[cut..]), ["chime/green.ogg", "ar/green.ogg"]);

    // Once the last one has finished, the next cuts nothing off.
    rec.finish();
    rec.clear();
    player.say(Announcement::verdict(&green, "ar"));
    assert!(player.sync(WAIT));
    assert!(!rec.events().iter().any(|e| matches!(e, Event::CutOff(_))));

    // And stop silences what plays.
    player.stop();
    assert!(player.sync(WAIT));
    assert!(matches!(rec.events().last(), Some(Event::CutOff(2))));
}

#[test]
fn announcements_sent_in_a_burst_say_only_the_latest() {
    let (player, rec) = recording_player();
    for reason in [
        Reason::Malformed,
        Reason::CredentialExpired,
        Reason::ProofReplayed,
    ] {
        player.say(Announcement::verdict(&Verdict::grey(reason), "en"));
    }
    assert!(player.sync(WAIT));
    let heard = plays(&rec.events());
    assert_eq!(
        heard.last().map(String::as_str),
        Some("en/show-live-code.ogg")
    );
}

#[test]
fn care_mode_plays_the_slow_sentences() {
    let (player, rec) = recording_player();
    let verdict = Verdict::grey(Reason::CredentialExpired);
    player.say(Announcement::verdict(&verdict, "zh-CN").with_care(true));
    assert!(player.sync(WAIT));
    assert_eq!(
        plays(&rec.events()),
        ["chime/grey.ogg", "zh-CN/code-expired.slow.ogg"]
    );
}

#[test]
fn volume_is_applied_and_zero_is_silent() {
    let (player, rec) = recording_player();
    let green = Verdict::from_reasons(vec![]);
    player.say(Announcement::verdict(&green, "en").with_volume(50));
    assert!(player.sync(WAIT));
    assert_eq!(rec.events().first(), Some(&Event::Volume(0.25)));
    rec.finish();
    rec.clear();
    player.say(Announcement::verdict(&green, "en").with_volume(0));
    assert!(player.sync(WAIT));
    assert!(rec.events().is_empty(), "{:?}", rec.events());
}

#[test]
fn the_language_follows_credential_then_touch_then_default() {
    let (player, rec) = recording_player();
    let green = Verdict::from_reasons(vec![]);
    for (credential, touched, want) in [
        (Some("ko"), Some("fr"), "ko/green.ogg"),
        (None, Some("fr"), "fr/green.ogg"),
        (None, None, "de/green.ogg"),
    ] {
        rec.clear();
        let lang = choose_language(credential, touched, "de");
        player.say(Announcement::verdict(&green, lang));
        assert!(player.sync(WAIT));
        assert_eq!(plays(&rec.events())[1], want);
    }
}

#[test]
fn no_sound_device_is_reported_once_and_never_panics() {
    let (sink, rec) = RecordingSink::without_device();
    let player = Player::with_sink(library(), move || sink);
    let red = Verdict::from_reasons(vec![Reason::CodeRed]);
    for _ in 0..5 {
        player.say(Announcement::verdict(&red, "en"));
        assert!(player.sync(WAIT));
    }
    assert_eq!(player.status(), AudioStatus::NoDevice);
    assert_eq!(player.outages_reported(), 1);
    assert!(rec.failed_calls() >= 5, "it kept trying, silently");
    assert!(rec.played().is_empty());

    // The device comes back: it plays again. It goes away: one more report.
    rec.set_unplugged(false);
    player.say(Announcement::verdict(&red, "en"));
    assert!(player.sync(WAIT));
    assert_eq!(player.status(), AudioStatus::Working);
    assert_eq!(rec.played().len(), 3);
    rec.set_unplugged(true);
    for _ in 0..3 {
        player.say(Announcement::verdict(&red, "en"));
        assert!(player.sync(WAIT));
    }
    assert_eq!(player.outages_reported(), 2);
}

#[test]
fn a_missing_clip_is_skipped_and_an_override_wins() {
    let over = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(over.path().join("en")).unwrap();
    // An operator's recording of "green" (any Ogg Vorbis file will do here).
    std::fs::copy(
        assets().join("en/prompt.ogg"),
        over.path().join("en/green.ogg"),
    )
    .unwrap();
    let (sink, rec) = RecordingSink::new();
    let player = Player::with_sink(
        ClipLibrary::new(Some(assets()), Some(over.path().to_path_buf())),
        move || sink,
    );
    player.say(Announcement::verdict(&Verdict::from_reasons(vec![]), "en"));
    assert!(player.sync(WAIT));
    assert_eq!(
        rec.played(),
        [
            assets().join("chime/green.ogg"),
            over.path().join("en/green.ogg")
        ]
    );

    // No clips at all: nothing is played, nothing breaks.
    let (sink, rec) = RecordingSink::new();
    let empty = tempfile::tempdir().unwrap();
    let player = Player::with_sink(
        ClipLibrary::new(Some(empty.path().into()), None),
        move || sink,
    );
    for _ in 0..3 {
        player.say(Announcement::verdict(
            &Verdict::grey(Reason::Malformed),
            "vi",
        ));
        assert!(player.sync(WAIT));
    }
    assert!(rec.events().is_empty());
}

/// A sink that takes its time, like a slow device.
struct Slow;
impl Sink for Slow {
    fn stop(&mut self) {}
    fn set_volume(&mut self, _: f32) -> Result<(), SinkError> {
        std::thread::sleep(Duration::from_millis(50));
        Ok(())
    }
    fn append(&mut self, _: &Path) -> Result<(), SinkError> {
        std::thread::sleep(Duration::from_millis(50));
        Ok(())
    }
}

#[test]
fn saying_never_waits_on_audio() {
    let player = Player::with_sink(library(), || Slow);
    let verdict = Verdict::with_floor(Colour::Red, vec![Reason::Revoked, Reason::TestTooOld]);
    let started = Instant::now();
    for _ in 0..200 {
        player.say(Announcement::verdict(&verdict, "ms"));
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "200 says took {took:?}");
    assert!(player.sync(WAIT));
}

#[test]
fn the_real_output_without_a_sound_card_fails_softly() {
    // On a machine with no sound card this reports NoDevice; with one it
    // plays a short chime. Either way: no panic, and the caller never waits.
    let mut sink = RodioSink::new();
    match sink.append(&assets().join("chime/grey.ogg")) {
        Ok(()) | Err(SinkError::NoDevice(_)) => {}
        Err(e) => panic!("{e}"),
    }
    assert!(matches!(
        sink.append(&root().join("Cargo.toml")),
        Err(SinkError::Clip(_))
    ));
    sink.stop();

    let player = Player::start(library());
    let started = Instant::now();
    player.say(Announcement::verdict(&Verdict::from_reasons(vec![]), "en").with_volume(1));
    assert!(started.elapsed() < Duration::from_millis(50));
    assert!(player.sync(WAIT));
    assert!(matches!(
        player.status(),
        AudioStatus::Working | AudioStatus::NoDevice
    ));
    assert!(player.outages_reported() <= 1);
}

// --- SHA-256, for the sentence hashes in clips.tsv ----------------------------

#[allow(clippy::unreadable_literal)]
fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes(block[i * 4..i * 4 + 4].try_into().unwrap());
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    h.iter().fold(String::new(), |mut hex, x| {
        use std::fmt::Write;
        let _ = write!(hex, "{x:08x}");
        hex
    })
}

#[test]
fn sha256_is_sha256() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex("绿码".as_bytes()),
        "5efe057e6527bd0bd012976088cbeb1e8be00aca8d58e377bc9b3c657ab9c84c"
    );
    assert_eq!(
        sha256_hex(&[b'a'; 200]),
        "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"
    );
}
