#!/usr/bin/env bash
# Makes the subset fonts in assets/fonts/ that the GUI embeds (src/i18n.rs).
#
# The sources are Debian's Noto packages (fonts-noto-core, fonts-noto-cjk);
# the subsetter is pyftsubset from fontTools (PyPI), installed into a private
# virtual environment when it is missing. Safe to run again: it installs only
# what is missing and rewrites the fonts, byte for byte the same for the same
# inputs.
#
# What goes into each font:
# - the characters of every i18n/*/ui.ftl and of every string literal in
#   src/i18n.rs (the native language names and the GUI's symbols);
# - what masked names need (a name is shown as its first character and `*`):
#   Latin with its extensions, Greek, Cyrillic and Vietnamese in Noto Sans,
#   the Arabic and Thai blocks, and, in Noto Sans CJK SC Regular, the CJK
#   Unified Ideographs (U+4E00-U+9FFF), kana and the Hangul syllables.
#
# Usage: scripts/make-fonts.sh        (from anywhere inside the repository)
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=assets/fonts
NOTO=/usr/share/fonts/truetype/noto
NOTO_CJK=/usr/share/fonts/opentype/noto
PACKAGES=(fonts-noto-core fonts-noto-cjk)
FONTTOOLS_VERSION=4.68.0
VENV="${HEALTHGATE_FONTTOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/healthgate/fonttools-$FONTTOOLS_VERSION}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "make-fonts: need root for: $* (run as root or install sudo)" >&2; exit 1
  fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "make-fonts: installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

# fontTools in a virtual environment of its own (Debian's Python refuses
# system-wide pip installs).
if [ ! -x "$VENV/bin/pyftsubset" ]; then
  echo "make-fonts: installing fontTools $FONTTOOLS_VERSION into $VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3-venv
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "fonttools==$FONTTOOLS_VERSION"
fi

mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=0
"$VENV/bin/python" - "$OUT" "$NOTO" "$NOTO_CJK" "$VENV/bin/pyftsubset" <<'PY'
import glob
import os
import re
import subprocess
import sys
import tempfile

from fontTools.ttLib import TTCollection, TTFont

out, noto, noto_cjk, pyftsubset = sys.argv[1:5]


def ftl_chars(path):
    """Every character of a Fluent file's messages (comments left out)."""
    text = open(path, encoding="utf-8").read()
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("#")]
    return set("".join(lines))


def rust_literal_chars(path):
    """Every character inside the string literals of a Rust file."""
    text = open(path, encoding="utf-8").read()
    return set("".join(re.findall(r'"((?:[^"\\\n]|\\.)*)"', text)))


def ranges(*spans):
    chars = set()
    for lo, hi in spans:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return chars


ui = {}
for path in sorted(glob.glob("i18n/*/ui.ftl")):
    ui[path.split("/")[1]] = ftl_chars(path)
code = rust_literal_chars("src/i18n.rs") if os.path.exists("src/i18n.rs") else set()
ascii_ = ranges((0x20, 0x7E))
everything = set().union(*ui.values()) | code | ascii_
everything.discard("\n")

# What masked names need, per script.
latin_names = ranges(
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20BF),  # currency signs
)
arabic_names = ranges((0x0600, 0x06FF), (0x0750, 0x077F), (0x200C, 0x200F))
thai_names = ranges((0x0E00, 0x0E7F))
cjk_names = ranges(
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
)


def ttc_index(path, family):
    """The index of the face whose family name is `family` in a collection."""
    for i, face in enumerate(TTCollection(path, lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            return i
    sys.exit(f"make-fonts: no face {family!r} in {path}")


def subset(src, dst, chars, face=None, extra=()):
    cmap = TTFont(src, fontNumber=face or 0, lazy=True).getBestCmap()
    wanted = sorted(ord(c) for c in chars if ord(c) in cmap)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(f"U+{c:04X}" for c in wanted))
        unicodes = f.name
    args = [
        pyftsubset,
        src,
        f"--output-file={dst}",
        f"--unicodes-file={unicodes}",
        # The name table's family, style and licence records (a licence
        # travels with the font); the OpenType features keep their default
        # set, which has what Arabic joining and Thai marks need.
        "--name-IDs=0,1,2,3,4,5,6,7,8,9,11,13,14,16,17",
        "--notdef-outline",
        "--no-recalc-timestamp",
    ]
    if face is not None:
        args.append(f"--font-number={face}")
    args.extend(extra)
    subprocess.run(args, check=True)
    os.unlink(unicodes)
    font = TTFont(dst)
    if font["maxp"].numGlyphs > 0x7FFF:
        # Some readers (ttf-parser 0.25) lose glyph ids above 32767 in a
        # format 4 cmap; a format 12 subtable maps them for every reader.
        from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
        table = CmapSubtable.newSubtable(12)
        table.platformID, table.platEncID, table.language = 3, 10, 0
        table.cmap = dict(font.getBestCmap())
        font["cmap"].tables.append(table)
        font.save(dst)
        print(f"make-fonts: {dst}: {font['maxp'].numGlyphs} glyphs, format 12 cmap added")
    print(f"make-fonts: {dst}: {len(wanted)} characters, {os.path.getsize(dst) // 1024} KiB")


native_cjk = {c for c in code if ord(c) >= 0x2E80}

for weight in ("Regular", "Bold"):
    subset(f"{noto}/NotoSans-{weight}.ttf", f"{out}/NotoSans-{weight}.ttf", everything | latin_names)
    subset(f"{noto}/NotoSansArabic-{weight}.ttf", f"{out}/NotoSansArabic-{weight}.ttf",
           ui["ar"] | code | arabic_names | ascii_)
    subset(f"{noto}/NotoSansThai-{weight}.ttf", f"{out}/NotoSansThai-{weight}.ttf",
           ui["th"] | code | thai_names)
# The GUI's symbols (src/i18n.rs, GUI_SYMBOLS) that Noto Sans lacks.
for symbols in ("NotoSansSymbols", "NotoSansSymbols2"):
    subset(f"{noto}/{symbols}-Regular.ttf", f"{out}/{symbols}-Regular.ttf",
           {c for c in code if ord(c) >= 0x2000})

# Horizontal text only, and no `locl`: each region has a face of its own,
# whose default glyphs are that region's forms. This also keeps the glyph
# count of the names face below 32768 (see `subset`).
CJK_OPTIONS = (
    "--layout-features=ccmp,liga,calt,kern",
    "--drop-tables+=vhea,vmtx,VORG",
)

# Noto Sans CJK: one face per region, so each language gets its own glyph
# forms. The SC Regular face also carries the ranges masked names need.
regions = {"SC": ["zh-CN"], "HK": ["zh-HK"], "JP": ["ja"], "KR": ["ko"]}
for weight in ("Regular", "Bold"):
    ttc = f"{noto_cjk}/NotoSansCJK-{weight}.ttc"
    for region, langs in regions.items():
        # The whole text of the language (its Latin letters and digits too,
        # so that mixed text keeps one design), and the native names.
        chars = set().union(*(ui[l] for l in langs)) | native_cjk | ascii_
        if region == "SC":
            # The fallback for every CJK character of every language.
            chars |= {c for l in ("zh-HK", "ja", "ko") for c in ui[l] if ord(c) >= 0x2E80}
            if weight == "Regular":
                chars |= cjk_names
        face = ttc_index(ttc, f"Noto Sans CJK {region}")
        subset(ttc, f"{out}/NotoSansCJK{region.lower()}-{weight}.otf", chars, face, CJK_OPTIONS)

# The licence: every shipped font's copyright line, then the SIL Open Font
# License 1.1 as Debian ships it with the fonts.
notices = []
for path in sorted(glob.glob(f"{out}/*.ttf") + glob.glob(f"{out}/*.otf")):
    notice = TTFont(path, lazy=True)["name"].getDebugName(0)
    if notice and notice not in notices:
        notices.append(notice)
copyright = open("/usr/share/doc/fonts-noto-cjk/copyright", encoding="utf-8").read()
match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", copyright, re.M)
if not match:
    sys.exit("make-fonts: no SIL OFL 1.1 text in fonts-noto-cjk's copyright file")
licence = "\n".join("" if l == " ." else l[1:] for l in match.group(1).splitlines())
with open(f"{out}/OFL.txt", "w", encoding="utf-8") as f:
    f.write("The fonts in this folder are subsets of the Noto fonts:\n\n")
    f.write("".join(f"{n}\n" for n in notices))
    f.write("\nThey are licensed under the SIL Open Font License, Version 1.1, which\n")
    f.write("follows. The subsets keep their original family names: no Reserved Font\n")
    f.write("Name is declared for them (the name \"Source\", reserved for Adobe's\n")
    f.write("Source Han Sans, from which Noto Sans CJK is built, is not used).\n\n")
    f.write(licence.strip("\n") + "\n")
print(f"make-fonts: {out}/OFL.txt")
PY

du -ch "$OUT"/*.ttf "$OUT"/*.otf | tail -n1 | sed 's/^/make-fonts: total /'
