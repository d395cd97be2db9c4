#!/usr/bin/env bash
# Makes the DEMO document signer of the EU DCC format that ships in
# assets/demo/: a P-256 key (demo-dsc.key, the private scalar in hex) and
# its self-signed certificate (demo-dsc.pem; country XD, valid 2026-2036,
# the DCC key usages for test, vaccination and recovery). Like every DEMO
# key it is public: kiosks trust it only with --demo or [trust] demo = true.
#
# Needs openssl (apt-get install openssl). Each run makes a new key, so the
# DEMO codes signed by the old one stop verifying: run it only to replace
# the DEMO signer on purpose, then re-make the snapshots.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=assets/demo
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/ca/newcerts"
touch "$WORK/ca/index.txt"
echo 01 > "$WORK/ca/serial"
cat > "$WORK/ca.cnf" <<CNF
[ca]
default_ca = demo
[demo]
dir = $WORK/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
countryName = supplied
organizationName = supplied
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
C = XD
O = HealthGate DEMO - never trust at a real door
CN = HealthGate DEMO document signer
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = 1.3.6.1.4.1.1847.2021.1.1, 1.3.6.1.4.1.1847.2021.1.2, 1.3.6.1.4.1.1847.2021.1.3
CNF
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/key.pem"
openssl req -new -key "$WORK/key.pem" -out "$WORK/req.csr" -config "$WORK/ca.cnf"
openssl ca -batch -selfsign -config "$WORK/ca.cnf" -keyfile "$WORK/key.pem" \
  -in "$WORK/req.csr" -out "$OUT/demo-dsc.pem" -notext \
  -startdate 20260101000000Z -enddate 20360101000000Z -extensions ext -extfile "$WORK/ca.cnf"
openssl ec -in "$WORK/key.pem" -text -noout 2>/dev/null \
  | sed -n '/priv:/,/pub:/p' | sed '1d;$d' | tr -d ' :\n' > "$OUT/demo-dsc.key"
echo >> "$OUT/demo-dsc.key"
echo "make-demo-dsc: wrote $OUT/demo-dsc.pem and $OUT/demo-dsc.key"
