#!/bin/sh
# Regenerates the test certificates of golden/certs/ (see README.md there). Needs the JDK's
# keytool (for -startdate: fixed validity windows) and openssl (PEM and DER conversions).
# The files are committed: goldens need stable bytes; rerunning this changes every key.
set -eu
cd "$(dirname "$0")"
PW=lbc-test-password
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen NAME KEYALG KEYSIZE SIGALG DNAME SAN START DAYS: a self-signed pair in $tmp/NAME.p12
gen() {
  san_opt=""
  if [ -n "$6" ]; then san_opt="-ext SAN=$6"; fi
  # shellcheck disable=SC2086
  keytool -genkeypair -alias "$1" -keyalg "$2" -keysize "$3" -sigalg "$4" -dname "$5" \
    $san_opt -startdate "$7" -validity "$8" -storetype PKCS12 \
    -keystore "$tmp/$1.p12" -storepass "$PW" -keypass "$PW" 2>/dev/null
  openssl pkcs12 -in "$tmp/$1.p12" -passin "pass:$PW" -nokeys -clcerts | openssl x509 >"$tmp/$1.crt"
  openssl pkcs12 -in "$tmp/$1.p12" -passin "pass:$PW" -nocerts -nodes | openssl pkey >"$tmp/$1.key"
  cat "$tmp/$1.crt" "$tmp/$1.key" >"$1.pem"
}

EXCHANGE="dns:mail.example.com,dns:autodiscover.example.com"
gen good RSA 2048 SHA256withRSA CN=mail.example.com "$EXCHANGE" "2026/11/01 00:00:00" 3650
gen wildcard RSA 2048 SHA256withRSA "CN=*.example.com" "dns:*.example.com" "2026/11/01 00:00:00" 3650
gen cn-only RSA 2048 SHA256withRSA CN=mail.example.com "" "2026/11/01 00:00:00" 3650
gen other-name RSA 2048 SHA256withRSA CN=mail.contoso.com "dns:mail.contoso.com" "2026/11/01 00:00:00" 3650
gen expired RSA 2048 SHA256withRSA CN=mail.example.com "$EXCHANGE" "2024/01/01 00:00:00" 366
gen not-yet-valid RSA 2048 SHA256withRSA CN=mail.example.com "$EXCHANGE" "2027/06/01 00:00:00" 3650
# valid until 2026-12-20: 19 days left at the tests' clock, 2026-12-01
gen expiring RSA 2048 SHA256withRSA CN=mail.example.com "$EXCHANGE" "2026/01/01 00:00:00" 353
# valid until 2027-01-15: 45 days left at the tests' clock, the near miss of expiring.pem
gen expiring-later RSA 2048 SHA256withRSA CN=mail.example.com "$EXCHANGE" "2026/01/01 00:00:00" 379
gen weak RSA 1024 SHA1withRSA CN=mail.example.com "$EXCHANGE" "2026/11/01 00:00:00" 3650
gen ec EC 256 SHA256withECDSA CN=mail.example.com "$EXCHANGE" "2026/11/01 00:00:00" 3650
gen other RSA 2048 SHA256withRSA CN=other.example.com "dns:other.example.com" "2026/11/01 00:00:00" 3650

# an EC P-224 pair (keytool cannot make one: the JDK has no P-224 key generation), dated through
# `openssl ca -selfsign`, whose -startdate/-enddate fix the window as keytool's -startdate does
mkdir -p "$tmp/ca"
touch "$tmp/ca/index.txt"
echo 01 >"$tmp/ca/serial"
cat >"$tmp/ca/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
database = $tmp/ca/index.txt
new_certs_dir = $tmp/ca
serial = $tmp/ca/serial
default_md = sha256
policy = p
copy_extensions = copy
[p]
commonName = supplied
CNF
openssl ecparam -name secp224r1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt >"$tmp/weak-ec.key"
openssl req -new -key "$tmp/weak-ec.key" -subj /CN=mail.example.com \
  -addext "subjectAltName=DNS:mail.example.com,DNS:autodiscover.example.com" -out "$tmp/weak-ec.csr"
openssl ca -batch -config "$tmp/ca/ca.cnf" -selfsign -keyfile "$tmp/weak-ec.key" \
  -in "$tmp/weak-ec.csr" -startdate 20261101000000Z -enddate 20361029000000Z -notext \
  -out "$tmp/weak-ec.crt" 2>/dev/null
cat "$tmp/weak-ec.crt" "$tmp/weak-ec.key" >weak-ec.pem

# the PFX as Exchange exports it: certificate and key under one password
cp "$tmp/good.p12" good.pfx
# the same pair in other shapes
cat "$tmp/good.crt" >no-key.pem
cat "$tmp/good.crt" "$tmp/other.key" >key-mismatch.pem
cat "$tmp/good.crt" "$tmp/good.key" "$tmp/other.key" >two-keys.pem
{ cat "$tmp/good.crt"; openssl pkey -in "$tmp/good.key" -traditional; } >good-pkcs1.pem
{ cat "$tmp/good.crt" "$tmp/good.key"; cat "$tmp/other.crt"; } >good-with-chain.pem
openssl x509 -in "$tmp/good.crt" -outform der >good.der
rm other.pem

# the rule pages' examples compile in examples/ (RuleCatalogTest): certs/ holds what they name,
# and exchange.pem beside examples/ is what LBC114's example reaches through `..`
mkdir -p examples/certs
cp good.pem exchange.pem
cp good.pem examples/certs/exchange.pem
for f in expired expiring key-mismatch other-name weak; do cp "$f.pem" "examples/certs/$f.pem"; done
