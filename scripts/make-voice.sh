#!/usr/bin/env bash
# Generates the kiosk's voice clips from the spoken sentences in
# i18n/<lang>/voice.ftl, with espeak-ng and sox, encoded as Ogg Vorbis.
#
#   scripts/make-voice.sh                     # all languages into assets/voice
#   scripts/make-voice.sh OUT_DIR             # all languages into OUT_DIR
#   scripts/make-voice.sh --langs en,ar OUT   # only some languages (and chimes)
#   scripts/make-voice.sh --no-install OUT    # fail instead of installing tools
#   scripts/make-voice.sh --jobs 4 OUT        # parallel jobs (default: CPUs)
#
# For each language and each message `key = sentence` it writes
#   OUT/<lang>/<key>.ogg       normal speed
#   OUT/<lang>/<key>.slow.ogg  care mode: spoken more slowly
# and the chimes OUT/chime/<colour>.ogg (sox synth, one per verdict colour),
# and the manifest OUT/clips.tsv: lang, key, variant, duration in seconds,
# and the first 16 hex digits of the SHA-256 of the sentence as written in
# voice.ftl (for chimes: of their synth recipe). The tests compare the
# committed manifest with the sentences and with a fresh run.
#
# Each clip: espeak-ng (the voice chosen per language below) at 170 words a
# minute (slow: 130), silence trimmed at both ends, a gentle compressor
# that evens out loudness within a sentence, loudness brought to -20 dBFS
# RMS (less where a peak would pass -3 dBFS), 16 kHz mono, then oggenc at
# quality -1 (about 16 kbit/s; the whole folder stays near 5.5 MB, under
# the 8 MB budget). A clip should last 0.3 to 6 s (the tests check it; a
# longer one is reported here). The same inputs give the same manifest and
# the same files (fixed Ogg serial number, no dither).
#
# Installs espeak-ng, sox and vorbis-tools with apt-get when missing (as
# root, or through sudo), unless --no-install is given.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
I18N="$ROOT/i18n"
OUT=""
INSTALL=1
ONLY=""
JOBS="$(nproc 2>/dev/null || echo 2)"

RATE_NORMAL=170
RATE_SLOW=130
TARGET_RMS_DB=-20
CHIME_RMS_DB=-22
PEAK_CEILING_DB=-3
SAMPLE_RATE=16000
OGG_QUALITY=-1
OGG_SERIAL=20261126

ALL_LANGS=(zh-CN zh-HK en ja ko ru fr de es pt it ar th vi id ms)

while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) INSTALL=0 ;;
    --langs) shift; ONLY="${1:-}" ;;
    --jobs) shift; JOBS="${1:-2}" ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    -*) echo "make-voice: unknown option $1" >&2; exit 2 ;;
    *) OUT="$1" ;;
  esac
  shift
done
OUT="${OUT:-$ROOT/assets/voice}"

# The espeak-ng voice for each kiosk language.
espeak_voice() {
  case "$1" in
    zh-CN) echo cmn-latn-pinyin ;;  # Mandarin; sentences in pinyin (see its voice.ftl)
    zh-HK) echo yue ;;      # Cantonese
    en) echo en-gb ;;
    ja) echo ja ;;          # sentences in kana
    ko) echo ko ;;
    ru) echo ru ;;
    fr) echo fr-fr ;;
    de) echo de ;;
    es) echo es ;;
    pt) echo pt-br ;;       # sentences in Brazilian usage
    it) echo it ;;
    ar) echo ar ;;
    th) echo th ;;          # sentences as phonemes (see its voice.ftl)
    vi) echo vi ;;
    id) echo id ;;
    ms) echo ms ;;
    *) return 1 ;;
  esac
}

# --- tools -----------------------------------------------------------------
need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
command -v oggenc >/dev/null || need+=(vorbis-tools)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$INSTALL" -eq 0 ]; then
    echo "make-voice: missing ${need[*]} (apt-get install ${need[*]})" >&2
    exit 3
  fi
  as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "make-voice: need root to install ${need[*]}" >&2; exit 1
    fi
  }
  echo "make-voice: installing ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
for tool in espeak-ng sox soxi oggenc sha256sum perl awk xargs; do
  command -v "$tool" >/dev/null || { echo "make-voice: $tool not found" >&2; exit 3; }
done

if [ -n "$ONLY" ]; then
  IFS=',' read -r -a LANGS <<<"$ONLY"
else
  LANGS=("${ALL_LANGS[@]}")
fi
for lang in "${LANGS[@]}"; do
  espeak_voice "$lang" >/dev/null || { echo "make-voice: unknown language $lang" >&2; exit 2; }
  [ -f "$I18N/$lang/voice.ftl" ] || { echo "make-voice: $I18N/$lang/voice.ftl is missing" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/jobs" "$WORK/rows" "$OUT"

hash16() { printf '%s' "$1" | sha256sum | cut -c1-16; }

# --- sentences -> one job file per clip --------------------------------------
# voice.ftl: comments (#), blank lines, and single-line messages `key = text`.
n=0
for lang in "${LANGS[@]}"; do
  lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    case "$line" in ''|'#'*) continue ;; esac
    if [[ ! "$line" =~ ^([a-z][a-z0-9-]*)\ =\ (.*[^[:space:]])[[:space:]]*$ ]]; then
      echo "make-voice: $lang/voice.ftl:$lineno: expected 'key = sentence'" >&2
      exit 4
    fi
    key="${BASH_REMATCH[1]}"
    text="${BASH_REMATCH[2]}"
    for variant in normal slow; do
      n=$((n + 1))
      job="$WORK/jobs/$(printf '%05d' "$n")"
      printf '%s\n%s\n%s\n' "$lang" "$key" "$variant" >"$job.meta"
      printf '%s' "$text" >"$job.text"
    done
  done <"$I18N/$lang/voice.ftl"
done

# --- one clip ------------------------------------------------------------------
# Brings a WAV to the target RMS level, as 16-bit mono; less gain when
# that would put a peak above PEAK_CEILING_DB (lossy encoding overshoots).
level() { # in out target_db
  local stats gain
  stats="$(sox "$1" -n stats 2>&1)"
  gain="$(awk -v t="$3" -v c="$PEAK_CEILING_DB" '
    /^RMS lev dB/ { r = $4 } /^Pk lev dB/ { p = $4 }
    END {
      if (r == "" || r == "-inf" || p == "" || p == "-inf") { print 0; exit }
      g = t - r; if (c - p < g) g = c - p; printf "%.2f", g
    }' <<<"$stats")"
  sox -D "$1" -b 16 "$2" gain "$gain"
}

make_clip() { # job path
  local job="$1" lang key variant text voice rate base dir out secs
  { read -r lang; read -r key; read -r variant; } <"$job.meta"
  text="$(cat "$job.text")"
  voice="$(espeak_voice "$lang")"
  rate=$RATE_NORMAL
  [ "$variant" = slow ] && rate=$RATE_SLOW
  base="$job.$variant"
  if [ "$lang" = ar ]; then
    # espeak-ng wants the shadda before its short vowel (Unicode puts it after).
    perl -CSD -pe 's/([\x{064B}-\x{0650}\x{0652}])\x{0651}/\x{0651}$1/g' "$job.text" >"$base.in"
  else
    cp "$job.text" "$base.in"
  fi
  espeak-ng -v "$voice" -s "$rate" -f "$base.in" -w "$base.raw.wav"
  # Trim silence at both ends, keep a short lead-in and tail.
  sox -D "$base.raw.wav" -c 1 -e floating-point -b 32 "$base.trim.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    gain -6 compand 0.01,0.15 6:-70,-50,-20,-12,0,-5 -3 0 0.02 \
    rate -v "$SAMPLE_RATE" pad 0.04 0.08
  level "$base.trim.wav" "$base.wav" "$TARGET_RMS_DB"
  dir="$OUT/$lang"
  mkdir -p "$dir"
  out="$dir/$key.ogg"
  [ "$variant" = slow ] && out="$dir/$key.slow.ogg"
  oggenc -Q -q "$OGG_QUALITY" --serial "$OGG_SERIAL" -o "$out.tmp" "$base.wav"
  mv -f "$out.tmp" "$out"
  secs="$(soxi -D "$base.wav")"
  if awk -v s="$secs" 'BEGIN { exit !(s < 0.3 || s > 6) }'; then
    printf 'make-voice: WARNING: %s/%s (%s) lasts %.2f s; keep it between 0.3 and 6 s\n' \
      "$lang" "$key" "$variant" "$secs" >&2
  fi
  printf '%s\t%s\t%s\t%.2f\t%s\n' "$lang" "$key" "$variant" "$secs" "$(hash16 "$text")" \
    >"$WORK/rows/$(basename "$job").$variant.tsv"
}

export OUT WORK RATE_NORMAL RATE_SLOW TARGET_RMS_DB PEAK_CEILING_DB SAMPLE_RATE OGG_QUALITY OGG_SERIAL
export -f make_clip espeak_voice level hash16

# Each job file appears twice (normal, slow) with its own number, so every
# number is one clip.
if [ "$n" -gt 0 ]; then
  find "$WORK/jobs" -name '*.meta' -print | LC_ALL=C sort | sed 's/\.meta$//' |
    xargs -P "$JOBS" -I{} bash -c 'set -euo pipefail; make_clip "$1"' _ {}
fi

# --- chimes ------------------------------------------------------------------------
# A recipe is a list of notes `waveform:frequency:seconds`; each note has a
# 5 ms attack and a fade, and notes are joined with a short gap.
chime_recipe() {
  case "$1" in
    green) echo "sine:784:0.14 sine:1047:0.26" ;;          # rising G5-C6: go
    yellow) echo "sine:880:0.14 sine:880:0.22" ;;          # two equal A5: wait
    red) echo "triangle:659:0.16 triangle:440:0.30" ;;     # falling E5-A4, darker
    grey) echo "sine:587:0.34" ;;                          # one soft D5: not checked
  esac
}
mkdir -p "$OUT/chime"
for colour in green yellow red grey; do
  recipe="$(chime_recipe "$colour")"
  parts=()
  i=0
  for note in $recipe; do
    IFS=: read -r wave freq secs <<<"$note"
    i=$((i + 1))
    sox -D -n -r "$SAMPLE_RATE" -c 1 -b 16 "$WORK/chime.$colour.$i.wav" \
      synth "$secs" "$wave" "$freq" fade q 0.005 "$secs" "$(awk -v s="$secs" 'BEGIN { printf "%.3f", s * 0.7 }')" \
      pad 0 0.03
    parts+=("$WORK/chime.$colour.$i.wav")
  done
  sox -D "${parts[@]}" "$WORK/chime.$colour.cat.wav" pad 0.02 0.05
  level "$WORK/chime.$colour.cat.wav" "$WORK/chime.$colour.wav" "$CHIME_RMS_DB"
  oggenc -Q -q "$OGG_QUALITY" --serial "$OGG_SERIAL" -o "$OUT/chime/$colour.ogg.tmp" "$WORK/chime.$colour.wav"
  mv -f "$OUT/chime/$colour.ogg.tmp" "$OUT/chime/$colour.ogg"
  printf 'chime\t%s\tnormal\t%.2f\t%s\n' "$colour" "$(soxi -D "$WORK/chime.$colour.wav")" "$(hash16 "$recipe")" \
    >"$WORK/rows/chime.$colour.tsv"
done

# --- manifest, and clips no sentence names any more ----------------------------
{
  printf 'lang\tkey\tvariant\tseconds\tsha256\n'
  cat "$WORK/rows/"*.tsv | LC_ALL=C sort
} >"$OUT/clips.tsv"

expected=$(awk -F'\t' 'NR > 1 && $1 != "chime" {
  print $1 "/" $2 ($3 == "slow" ? ".slow" : "") ".ogg" }' "$OUT/clips.tsv" | LC_ALL=C sort)
for lang in "${LANGS[@]}"; do
  for f in "$OUT/$lang"/*.ogg; do
    [ -e "$f" ] || continue
    rel="$lang/$(basename "$f")"
    if ! grep -qxF "$rel" <<<"$expected"; then
      echo "make-voice: removing $rel (no sentence names it)"
      rm -f "$f"
    fi
  done
done

clips=$(($(wc -l <"$OUT/clips.tsv") - 1))
echo "make-voice: $clips clips in $OUT ($(du -sh "$OUT" | cut -f1))"
