#!/usr/bin/env python3
"""Seeds the fuzz corpora from the project's assets and the shared test data.

    fuzz/seed.py [TESTDATA]        (default: $HEALTHGATE_TESTDATA or ../shared/testdata)

Writes fuzz/corpus/<target>/seed-*: the EU DCC test vectors (their HC1 text,
zlib stream and COSE), the SMART Health Card examples (shc:/ text, JWS and
the inflated payload), the CertLogic test suites ([logic, data] pairs), the
shipped rule bundle and its body, the default config, native codes made by
the demo authority (`healthgate verify` reads them), and the QR images of the
ZXing suite as frames. Files already there are kept (libFuzzer adds its own).
"""

import base64
import glob
import hashlib
import json
import os
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = (sys.argv[1] if len(sys.argv) > 1 else None) or os.environ.get(
    "HEALTHGATE_TESTDATA", os.path.join(ROOT, "..", "shared", "testdata")
)
COUNT = {}


def put(target, blob):
    if isinstance(blob, str):
        blob = blob.encode()
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    name = "seed-" + hashlib.sha256(blob).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(blob)
    COUNT[target] = COUNT.get(target, 0) + 1


def dcc():
    for path in glob.glob(os.path.join(DATA, "dgc-testdata", "**", "*.json"), recursive=True):
        try:
            case = json.load(open(path, encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(case, dict):
            continue
        prefix = case.get("PREFIX")
        if isinstance(prefix, str) and prefix.startswith("HC1:"):
            put("dcc", prefix[4:])
        for key in ("COMPRESSED", "COSE"):
            try:
                put("dcc", bytes.fromhex(case.get(key) or ""))
            except ValueError:
                pass
        try:
            put("cbor_payload", bytes.fromhex(case.get("CBOR") or ""))
        except ValueError:
            pass


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def shc():
    for path in glob.glob(os.path.join(DATA, "shc", "**", "*"), recursive=True):
        if not os.path.isfile(path) or os.path.getsize(path) > 200_000:
            continue
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        for line in text.replace('"', "\n").split():
            if line.startswith("shc:/"):
                put("shc", line[5:])
            elif line.count(".") == 2 and len(line) > 100:
                put("shc", line)
                try:
                    put("shc", zlib.decompress(b64url(line.split(".")[1]), -15))
                except (ValueError, zlib.error):
                    pass


def certlogic():
    for path in glob.glob(os.path.join(DATA, "certlogic", "**", "*.json"), recursive=True):
        try:
            suite = json.load(open(path, encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        cases = suite.get("cases", []) if isinstance(suite, dict) else []
        for case in cases:
            logic = case.get("certLogicExpression")
            for assertion in case.get("assertions", []):
                put("certlogic", json.dumps([logic, assertion.get("data")]))


def assets():
    bundle = open(os.path.join(ROOT, "assets", "default-bundle.hgb"), "rb").read()
    put("bundle", bundle)
    put("config", open(os.path.join(ROOT, "assets", "config.default.toml"), "rb").read())


def native():
    # A pilot's codes, made as the README makes them: a credential
    # (HGC1C:) and the code a phone shows (HGC1:).
    import tempfile

    def authority(*args, cwd):
        return subprocess.run(
            ["cargo", "run", "--quiet", "--manifest-path", os.path.join(ROOT, "Cargo.toml"),
             "--bin", "healthgate-authority", "--", *args],
            cwd=cwd, capture_output=True, text=True, timeout=900, check=False,
        ).stdout

    with tempfile.TemporaryDirectory() as tmp:
        authority("keygen", "--kind", "issuer", "--issuer-id", "CN-GD-HC", "--out", "authority", cwd=tmp)
        authority("keygen", "--kind", "device", "--out", "phone", cwd=tmp)
        with open(os.path.join(tmp, "holder.toml"), "w", encoding="utf-8") as f:
            f.write(authority("example-holder", cwd=tmp))
        credential = authority("issue", "--issuer-key", "authority/issuer.key", "--holder", "holder.toml",
                               "--device-pub", "phone/device.pub", cwd=tmp)
        with open(os.path.join(tmp, "credential.txt"), "w", encoding="utf-8") as f:
            f.write(credential)
        code = authority("present", "--credential", "credential.txt", "--device-key", "phone/device.key", cwd=tmp)
    for line in (credential + "\n" + code).split():
        for prefix in ("HGC1C:", "HGC1:"):
            if line.startswith(prefix):
                put("native", line[len(prefix):])
                break


def frames():
    try:
        from PIL import Image  # optional: the QR images as frames
    except ImportError:
        return
    for path in sorted(glob.glob(os.path.join(DATA, "qr-blackbox", "**", "*.png"), recursive=True))[:40]:
        img = Image.open(path).convert("L")
        img.thumbnail((320, 240))
        w, h = img.size
        put("qr_frame", struct.pack("<HH", w - 1, h - 1) + img.tobytes())


for step in (dcc, shc, certlogic, assets, native, frames):
    step()
for target, n in sorted(COUNT.items()):
    print(f"{target}: {n} seeds")
