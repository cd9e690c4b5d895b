# Writes crates/engine/tests/fixtures/keyed/*.txt and claims/*.txt: tokens checked with keys
# (signatures, key problems, JWE) or against what the API expects (audience, issuer, scopes,
# client, sign-in age). Every token is really signed or encrypted with the keys written here.
# Run from anywhere: python3 scripts/gen-keyed-fixtures.py   (needs the `cryptography` package)
#
# Deterministic: RSA primes come from a seeded generator, EC and Ed25519 keys from fixed scalars,
# ECDSA signatures are RFC 6979, and the randomness of JWE (content keys, IVs, padding) is seeded.
import base64, datetime, hashlib, hmac, json, os, random
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, padding as sympad, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NOW = 1764000000  # 2025-11-24 16:00:00 UTC, the fixtures' default
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "engine", "tests", "fixtures")
RNG = random.Random(401)

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
def j(o): return b64(json.dumps(o, separators=(',', ':')).encode())
def jt(o): return json.dumps(o, separators=(',', ':'))
def ib(i, size=None): return i.to_bytes(size or (i.bit_length() + 7) // 8, 'big')

# --- RSA from seeded primes --------------------------------------------------------------
def probable_prime(n, rng):
    if n < 2: return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0: return n == p
    d, s = n - 1, 0
    while d % 2 == 0: d, s = d // 2, s + 1
    for _ in range(24):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1): continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1: break
        else: return False
    return True

def prime(bits, rng, candidate=None):
    while True:
        p = candidate(rng) if candidate else rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if (p - 1) % 65537 and probable_prime(p, rng): return p

def rsa_key(bits, seed, candidate=None):
    rng = random.Random(seed)
    p = prime(bits // 2, rng, candidate)
    q = prime(bits // 2, rng, candidate)
    while q == p: q = prime(bits // 2, rng, candidate)
    e = 65537; d = pow(e, -1, (p - 1) * (q - 1))
    pub = rsa.RSAPublicNumbers(e, p * q)
    return rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), pub).private_key()

def rsa_jwk(key, kid=None, private=False, **extra):
    pub = key.public_key().public_numbers()
    jwk = {"kty": "RSA"}
    if kid: jwk["kid"] = kid
    jwk.update(extra)
    jwk.update(n=b64(ib(pub.n)), e=b64(ib(pub.e)))
    if private:
        pn = key.private_numbers()
        jwk.update(d=b64(ib(pn.d)), p=b64(ib(pn.p)), q=b64(ib(pn.q)), dp=b64(ib(pn.dmp1)), dq=b64(ib(pn.dmq1)), qi=b64(ib(pn.iqmp)))
    return jwk

def one_line(pem): return pem.decode().strip().replace("\n", "\\n")
def public_pem(key): return one_line(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
def private_pem(key): return one_line(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))

# --- EC, Ed25519, HMAC -----------------------------------------------------------------
def ec_key(scalar): return ec.derive_private_key(scalar, ec.SECP256R1())
def ec_jwk(key, kid=None, **extra):
    pub = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-256"}
    if kid: jwk["kid"] = kid
    jwk.update(extra)
    jwk.update(x=b64(ib(pub.x, 32)), y=b64(ib(pub.y, 32)))
    return jwk

def ed_jwk(key, kid, **extra):
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return dict({"kty": "OKP", "crv": "Ed25519", "kid": kid}, **extra, x=b64(raw))

def jwks(*keys): return jt({"keys": list(keys)})

# --- signing ----------------------------------------------------------------------------
def sign(alg, key, data):
    if alg.startswith("HS"): return hmac.new(key, data, getattr(hashlib, "sha" + alg[2:])).digest()
    if alg.startswith("RS"): return key.sign(data, padding.PKCS1v15(), getattr(hashes, "SHA" + alg[2:])())
    if alg == "ES256":
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
        return ib(r, 32) + ib(s, 32)
    if alg == "ES256-DER": return key.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    if alg == "EdDSA": return key.sign(data)
    raise ValueError(alg)

def jws(header, claims, key, alg=None, raw_header=None):
    head = raw_header or j(header)
    body = j(claims) if isinstance(claims, dict) else claims
    signing_input = f"{head}.{body}"
    return f"{signing_input}.{b64(sign(alg or header['alg'], key, signing_input.encode()))}"

# --- JWE (RFC 7516 compact) -------------------------------------------------------------
def mgf1(seed, length, h):
    out = b""; counter = 0
    while len(out) < length:
        out += h(seed + counter.to_bytes(4, 'big')).digest(); counter += 1
    return out[:length]

def rsa_encrypt(key, message, scheme):
    """RSAES with seeded randomness (RSA1_5, RSA-OAEP-256, RSA-OAEP-384), so the output is stable."""
    pub = key.public_key().public_numbers(); k = (pub.n.bit_length() + 7) // 8
    if scheme == "RSA1_5":
        ps = bytes(RNG.randrange(1, 256) for _ in range(k - len(message) - 3))
        em = b"\x00\x02" + ps + b"\x00" + message
    else:
        h = {"RSA-OAEP-256": hashlib.sha256, "RSA-OAEP-384": hashlib.sha384}[scheme]; hl = h().digest_size
        db = h(b"").digest() + b"\x00" * (k - len(message) - 2 * hl - 2) + b"\x01" + message
        seed = RNG.randbytes(hl)
        masked_db = bytes(a ^ b for a, b in zip(db, mgf1(seed, len(db), h)))
        masked_seed = bytes(a ^ b for a, b in zip(seed, mgf1(masked_db, hl, h)))
        em = b"\x00" + masked_seed + masked_db
    return ib(pow(int.from_bytes(em, 'big'), pub.e, pub.n), k)

def jwe(header, plaintext, wrap):
    protected = j(header); aad = protected.encode(); enc = header["enc"]
    if enc == "A256GCM":
        cek = RNG.randbytes(32); iv = RNG.randbytes(12)
        sealed = AESGCM(cek).encrypt(iv, plaintext, aad); ciphertext, tag = sealed[:-16], sealed[-16:]
    elif enc == "A128CBC-HS256":
        cek = RNG.randbytes(32); iv = RNG.randbytes(16); mac_key, enc_key = cek[:16], cek[16:]
        padder = sympad.PKCS7(128).padder(); padded = padder.update(plaintext) + padder.finalize()
        encryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
        ciphertext = encryptor.update(padded) + encryptor.finalize()
        al = (len(aad) * 8).to_bytes(8, 'big')
        tag = hmac.new(mac_key, aad + iv + ciphertext + al, hashlib.sha256).digest()[:16]
    else: raise ValueError(enc)
    return ".".join([protected, b64(wrap(cek)), b64(iv), b64(ciphertext), b64(tag)])

# --- certificates -----------------------------------------------------------------------
def certificate(key, cn, not_before, not_after, serial):
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "DE"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Issuer"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    utc = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(serial).not_valid_before(utc(not_before)).not_valid_after(utc(not_after))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256(), ecdsa_deterministic=True))
def cert_der(cert): return cert.public_bytes(serialization.Encoding.DER)
def cert_pem(cert): return one_line(cert.public_bytes(serialization.Encoding.PEM))

# --- the keys of the fixtures -----------------------------------------------------------
RSA_A = rsa_key(2048, "issuer-rsa-a")      # the issuer's current key
RSA_B = rsa_key(2048, "issuer-rsa-b")      # the key it rotated to
RSA_ATTACKER = rsa_key(2048, "attacker")
RSA_1024 = rsa_key(1024, "legacy-1024")
RSA_ENC = rsa_key(2048, "api-encryption")  # the API's key for encrypted tokens
EC_A = ec_key(0x5d2a1a3b9c0f4e8d7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f)
ED_A = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32, 64)))
X25519_PUB = b64(hashlib.sha256(b"x25519 encryption key").digest())
HMAC_SECRET = "k7Vq2mX9pL4sT8wR1nB6cY3hJ5fD0gZa"  # 32 characters: long enough for HS256

KID_A, KID_B, KID_EC, KID_ED = "2025-09-rsa-a", "2025-11-rsa-b", "ec-2025-10", "ed-2025-08"
ISS, AUD = "https://login.example.com/", "https://api.example.com"
def P(**kw):
    d = {"iss": ISS, "sub": "user-4821", "aud": AUD, "exp": NOW + 3600, "iat": NOW - 300, "scope": "orders.read profile"}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}
RS_A = {"alg": "RS256", "typ": "JWT", "kid": KID_A}

cases = {}
def add(name, body, findings, setup=(), inputs="jwt", checks="", steps="", messages=(), now=None):
    head = [] if now is None else [f"now: {now}"]
    head += [f"{k}: {v}" for k, v in setup]
    head.append(f"inputs: {inputs}")
    head.append("findings: " + (" ".join(findings) if findings else "none"))
    if checks: head.append("checks: " + checks)
    if steps: head.append("steps: " + steps)
    head += ["message: " + m for m in messages]
    cases[name] = "\n".join(head) + "\n---\n" + body + "\n"

ISSUER_JWKS = jwks(rsa_jwk(RSA_A, KID_A, use="sig", alg="RS256"), ec_jwk(EC_A, KID_EC, use="sig", alg="ES256"))

# --- signatures -------------------------------------------------------------------------
add("keyed/valid-rs256", "Authorization: Bearer " + jws(RS_A, P(), RSA_A), [], [("key", ISSUER_JWKS)], inputs="authorization",
    checks="signature=pass exp=pass", steps="token-signature=pass authorization-header=pass")

signed = jws(RS_A, P(roles=["viewer"]), RSA_A).split(".")
edited = f"{signed[0]}.{j(P(roles=['admin']))}.{signed[2]}"
add("keyed/payload-edited", edited, ["SIG001"], [("key", ISSUER_JWKS)], checks="signature=fail exp=pass", steps="token-signature=fail",
    messages=["The `RS256` signature does not verify with key 1 of the key panel (`kid` `2025-09-rsa-a`, RSA 2048-bit): the signature does not match"])

add("keyed/kid-not-in-set", jws(dict(RS_A, kid=KID_B), P(), RSA_B), ["SIG002"], [("key", ISSUER_JWKS)], checks="signature=fail",
    steps="token-signature=fail", messages=["The token's `kid` `2025-11-rsa-b` is not among the supplied keys (`2025-09-rsa-a`, `ec-2025-10`); no supplied key verifies it either"])

# The classic forgery: HS256 keyed with the bytes of the issuer's public key PEM.
pem_text = public_pem(RSA_A).replace("\\n", "\n") + "\n"
add("keyed/hs256-with-public-key", jws({"alg": "HS256", "typ": "JWT"}, P(roles=["admin"]), pem_text.encode()), ["SIG003"],
    [("key", public_pem(RSA_A))], checks="signature=fail", steps="token-signature=fail",
    messages=["The token says `HS256`, an HMAC algorithm, but the supplied keys are public keys (RSA 2048-bit)"])

add("keyed/no-key-for-alg", jws({"alg": "ES256", "typ": "JWT"}, P(), EC_A), ["SIG004"], [("key", jwks(rsa_jwk(RSA_A, KID_A, use="sig")))],
    checks="signature=fail", steps="token-signature=fail", messages=["`ES256` needs an EC key on P-256; the supplied keys are RSA 2048-bit"])

add("keyed/key-for-encryption", jws(RS_A, P(), RSA_A), ["SIG005"], [("key", jwks(rsa_jwk(RSA_A, KID_A, use="enc")))],
    checks="signature=fail", steps="token-signature=fail", messages=['has `"use": "enc"`, so it may not verify signatures'])

add("keyed/alg-wrong-case", jws(dict(RS_A, alg="rs256"), P(), RSA_A, alg="RS256"), ["SIG006"], [("key", ISSUER_JWKS)],
    checks="signature=fail exp=pass", steps="token-signature=fail", messages=["`alg` is `rs256`; algorithm names are case-sensitive and the registered one is `RS256`"])

# CVE-2018-0114 style: the attacker signs with their own key and embeds it as `jwk`.
add("keyed/embedded-jwk", jws(dict(RS_A, jwk=rsa_jwk(RSA_ATTACKER)), P(roles=["admin"]), RSA_ATTACKER), ["SIG007", "SIG001"], [("key", ISSUER_JWKS)],
    checks="signature=fail", steps="token-signature=fail", messages=["The header carries `jwk`"])

ob = {"alg": "RS256", "kid": KID_A, "typ": "JOSE", "http://openbanking.org.uk/iat": NOW - 5, "crit": ["http://openbanking.org.uk/iat"]}
add("keyed/crit-not-understood", jws(ob, P(), RSA_A), ["SIG008"], [("key", ISSUER_JWKS)], checks="signature=fail exp=pass",
    steps="token-signature=fail", messages=["`crit` names `http://openbanking.org.uk/iat`, an extension that verifiers which do not understand it must refuse"])

# A detached JWS with an unencoded payload (RFC 7797), as in an `x-jws-signature` header.
detached_header = {"alg": "RS256", "kid": KID_A, "b64": False, "crit": ["b64"]}
body = jt({"Data": {"Initiation": {"InstructedAmount": {"Amount": "165.88", "Currency": "GBP"}}}})
detached_sig = b64(sign("RS256", RSA_A, f"{j(detached_header)}.{body}".encode()))
add("keyed/unencoded-payload", f"{j(detached_header)}..{detached_sig}", ["JWT015", "SIG009"], [("key", ISSUER_JWKS)], checks="signature=skip",
    steps="token-signature=warn", messages=['The header sets `"b64": false`'])

add("keyed/no-kid-several-keys", jws({"alg": "RS256", "typ": "JWT"}, P(), RSA_B), ["SIG010"],
    [("key", jwks(rsa_jwk(RSA_A, KID_A, use="sig"), rsa_jwk(RSA_B, KID_B, use="sig")))], checks="signature=pass", steps="token-signature=pass",
    messages=["The token has no `kid`; of 2 keys that fit `RS256`, key 2 of the key panel (`kid` `2025-11-rsa-b`, RSA 2048-bit) verified it"])

add("keyed/ecdsa-der-signature", jws({"alg": "ES256", "typ": "JWT", "kid": KID_EC}, P(), EC_A, alg="ES256-DER"), ["SIG011"], [("key", ISSUER_JWKS)],
    checks="signature=fail", steps="token-signature=fail", messages=["it looks DER-encoded, but JWS uses the fixed-size `r‖s` form"])

cert = certificate(EC_A, "login.example.com", NOW - 86400 * 200, NOW + 86400 * 165, 0x401A)
x5c = base64.b64encode(cert_der(cert)).decode()
add("keyed/x5c-chain", jws({"alg": "ES256", "typ": "JWT", "kid": KID_EC, "x5c": [x5c]}, P(), EC_A), ["SIG012"], [("key", ISSUER_JWKS)],
    checks="signature=pass", steps="token-signature=pass", messages=["The header carries an `x5c` chain of 1 certificate(s)"])

for serial in range(0x402, 0x500):  # a certificate whose base64 has `+` or `/`, so base64url differs
    c = certificate(EC_A, "login.example.com", NOW - 86400 * 200, NOW + 86400 * 165, serial)
    if "+" in base64.b64encode(cert_der(c)).decode(): break
add("keyed/x5c-base64url", jws({"alg": "ES256", "typ": "JWT", "kid": KID_EC, "x5c": [b64(cert_der(c))]}, P(), EC_A), ["SIG013", "SIG012"],
    [("key", ISSUER_JWKS)], checks="signature=pass", steps="token-signature=warn",
    messages=["The certificate 1 of the token's `x5c` is not a base64 string (`x5c` uses standard base64, not base64url)"])

add("keyed/trust-x5c", jws({"alg": "ES256", "typ": "JWT", "x5c": [x5c]}, P(), EC_A), ["SIG012", "SIG014"], [("trust-x5c", "yes")],
    checks="signature=pass", steps="token-signature=warn", messages=["checked only with the leaf certificate of its own `x5c` chain"])
# Trusted on request, the token's own certificate is still held to its dates (it ends 2026-05-08).
add("keyed/trust-x5c-expired", jws({"alg": "ES256", "typ": "JWT", "x5c": [x5c]}, P(), EC_A), ["SIG012", "SIG014", "KEY008", "JWT001"],
    [("trust-x5c", "yes")], checks="signature=pass exp=fail", now=1780000000,
    messages=["The certificate for `CN=login.example.com", "expired"])

add("keyed/duplicate-kid", jws(dict(RS_A, kid="main"), P(), RSA_B), ["KEY010", "SIG015"],
    [("key", jwks(rsa_jwk(RSA_A, "main", use="sig"), rsa_jwk(RSA_B, "main", use="sig")))], checks="signature=fail", steps="token-signature=fail",
    messages=["Several keys in the key panel have the `kid` `main`", "Several supplied keys have the `kid` `main`"])

add("keyed/hmac-secret-too-short", jws({"alg": "HS256", "typ": "JWT"}, P(), b"secret"), ["SIG016"], [("secret", "secret")],
    checks="signature=fail", steps="token-signature=fail", messages=["the HMAC secret is 6 bytes and `HS256` needs at least 32"])

add("keyed/short-secret-does-not-verify", jws({"alg": "HS256", "typ": "JWT"}, P(), HMAC_SECRET.encode()), ["SIG001", "KEY007"], [("secret", "changeme")],
    checks="signature=fail", steps="token-signature=fail", messages=["The HMAC secret is 8 bytes; `HS256` needs at least 32"])

secret64 = base64.b64encode(hashlib.sha256(b"orders-api signing secret").digest()).decode()
add("keyed/kid-not-string", jws({"alg": "HS256", "typ": "JWT", "kid": 3}, P(), base64.b64decode(secret64)), ["SIG017"],
    [("secret-base64", secret64)], checks="signature=fail exp=pass", steps="token-signature=fail",
    messages=["`kid` is `3`; it must be a string, so no key can be chosen by it"])

# --- keys -------------------------------------------------------------------------------
ssh = "ssh-rsa " + base64.b64encode(b"\x00\x00\x00\x07ssh-rsa" + b"\x00\x00\x00\x03\x01\x00\x01" + b"\x00\x00\x01\x01\x00" +
                                    ib(RSA_A.public_key().public_numbers().n)).decode() + " deploy@build-agent-07"
add("keyed/ssh-public-key", jws(RS_A, P(), RSA_A), ["KEY001"], [("key", ssh)], checks="signature=skip", steps="token-signature=fail",
    messages=["the key panel is neither a JWK, a JWK Set nor a PEM block (it starts with `ssh-rsa AAAAB3Nz…`)"])

bad = rsa_jwk(RSA_A, KID_A, use="sig"); bad["n"] = base64.b64encode(ib(RSA_A.public_key().public_numbers().n)).decode()
add("keyed/jwk-standard-base64", jws(RS_A, P(), RSA_A), ["KEY002"], [("key", jwks(bad))], checks="signature=skip", steps="token-signature=fail",
    messages=["`n` of key 1 of the key panel is not strict base64url"])

add("keyed/private-key-pasted", jws({"alg": "RS256", "typ": "JWT"}, P(), RSA_A), ["KEY003"], [("key", private_pem(RSA_A))],
    checks="signature=pass", steps="token-signature=warn", messages=["the key panel holds a private key (the `PRIVATE KEY` block)"])

add("keyed/rsa-1024", jws(dict(RS_A, kid="legacy"), P(), RSA_1024), ["KEY004", "SIG016"], [("key", jwks(rsa_jwk(RSA_1024, "legacy", use="sig")))],
    checks="signature=fail", steps="token-signature=fail", messages=["key 1 of the key panel (`kid` `legacy`, RSA 1024-bit) has a 1024-bit modulus"])

odd = rsa_jwk(RSA_A, KID_A, use="sig"); odd["e"] = b64(ib(65536))
add("keyed/rsa-exponent-even", jws(RS_A, P(), RSA_A), ["KEY005", "SIG001"], [("key", jwks(odd))], checks="signature=fail",
    steps="token-signature=fail", messages=["has the public exponent 65536"])

off = ec_jwk(EC_A, KID_EC, use="sig"); off["y"] = b64(bytes(32 - 1) + b"\x07")
add("keyed/ec-point-off-curve", jws({"alg": "ES256", "typ": "JWT", "kid": KID_EC}, P(), EC_A), ["KEY006"], [("key", jwks(off))],
    checks="signature=skip", steps="token-signature=fail", messages=["key 1 of the key panel: the point is not on the curve P-256"])

old = certificate(EC_A, "login.example.com", NOW - 86400 * 400, NOW - 86400 * 24, 0x3FF)
add("keyed/certificate-expired", jws({"alg": "ES256", "typ": "JWT"}, P(), EC_A), ["KEY008"], [("key", cert_pem(old))],
    checks="signature=pass", steps="token-signature=warn", messages=["expired 24 d ago (2025-10-31 16:00:00 UTC)"])

add("keyed/x25519-in-key-set", jws({"alg": "EdDSA", "typ": "JWT", "kid": KID_ED}, P(), ED_A), ["KEY009"],
    [("key", jwks(ed_jwk(ED_A, KID_ED, use="sig"), {"kty": "OKP", "crv": "X25519", "kid": "enc-2025-08", "use": "enc", "x": X25519_PUB}))],
    checks="signature=pass", steps="token-signature=pass", messages=["key 2 of the key panel is an `OKP` key on `X25519`, for encryption (ECDH-ES): it verifies no signature and is left aside"])

many = [{"kty": "oct", "k": b64(HMAC_SECRET.encode())}] + [{"kty": "oct", "k": b64(ib(i, 4))} for i in range(1000)]
add("keyed/too-many-keys", jws({"alg": "HS256", "typ": "JWT"}, P(), HMAC_SECRET.encode()), ["KEY011", "SIG010"], [("key", jwks(*many))],
    checks="signature=pass", steps="token-signature=warn", messages=["the key panel holds 1001 keys; the first 1000 were read"])

# ROCA (CVE-2017-15361): primes of the form k·M + (65537^a mod M).
M = 1
for p in [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167]:
    M *= p
def roca_candidate(rng):  # between sqrt(2)·2^1023 and 2^1024, so that n has 2048 bits
    return rng.randrange((1 << 1023) * 14143 // 10000 // M + 1, (1 << 1024) // M - 1) * M + pow(65537, rng.randrange(1, 10**6), M)
RSA_ROCA = rsa_key(2048, "smartcard-2016", roca_candidate)
add("keyed/roca-key", jws(dict(RS_A, kid="card-2016"), P(), RSA_ROCA), ["KEY012", "SIG016"], [("key", jwks(rsa_jwk(RSA_ROCA, "card-2016", use="sig")))],
    checks="signature=fail", steps="token-signature=fail", messages=["has the ROCA fingerprint: its private key can be computed from it"])

# --- encrypted tokens -------------------------------------------------------------------
inner = jt(P(aud="https://api.example.com", email="dana@example.com"))
add("keyed/jwe-public-key-only", jwe({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "api-enc-1"}, inner.encode(), lambda cek: rsa_encrypt(RSA_ENC, cek, "RSA-OAEP-256")),
    ["JWE001", "JWT022"], [("key", jwks(rsa_jwk(RSA_ENC, "api-enc-1", use="enc")))], inputs="jwe", checks="signature=fail exp=skip",
    steps="token-signature=fail", messages=["No supplied key can decrypt the token: `RSA-OAEP-256` needs the recipient's RSA private key"])

add("keyed/jwe-rsa1_5", jwe({"alg": "RSA1_5", "enc": "A128CBC-HS256", "kid": "api-enc-1"}, inner.encode(), lambda cek: rsa_encrypt(RSA_ENC, cek, "RSA1_5")),
    ["KEY003", "JWE002"], [("key", jt(rsa_jwk(RSA_ENC, "api-enc-1", private=True, use="enc")))], inputs="jwe", checks="signature=pass exp=pass",
    steps="token-signature=warn token-expiry=pass", messages=["The content key is encrypted with `RSA1_5`"])

add("keyed/jwe-unsupported-alg", jwe({"alg": "RSA-OAEP-384", "enc": "A256GCM", "kid": "api-enc-1"}, inner.encode(), lambda cek: rsa_encrypt(RSA_ENC, cek, "RSA-OAEP-384")),
    ["KEY003", "JWE003", "JWT022"], [("key", jt(rsa_jwk(RSA_ENC, "api-enc-1", private=True, use="enc")))], inputs="jwe", checks="signature=fail",
    steps="token-signature=fail", messages=["The token uses the key management algorithm `RSA-OAEP-384`, which this page does not implement"])

# --- claims against what the API expects ------------------------------------------------
HS = {"alg": "HS256", "typ": "at+jwt"}
SECRET = [("secret", HMAC_SECRET)]
def hs(claims, header=HS): return jws(header, claims, HMAC_SECRET.encode())

add("claims/audience-trailing-slash", hs(P(aud="https://api.example.com/")), ["CLM001"], SECRET + [("audience", AUD)],
    checks="signature=pass aud=fail", steps="token-audience=fail",
    messages=["`aud` is `https://api.example.com/`, but the API expects `https://api.example.com`; `https://api.example.com/` and `https://api.example.com`: they differ only in a trailing `/`"])
add("claims/no-audience", hs(P(aud=None)), ["CLM002"], SECRET + [("audience", AUD), ("audience", "api://orders")],
    checks="signature=pass aud=fail", steps="token-audience=fail", messages=["The token has no `aud`; the API expects `https://api.example.com`, `api://orders`"])

TENANT = "https://login.microsoftonline.com/3f2b8c1e-6a4d-4f9b-9e21-7c5d0a8b4e61"
add("claims/issuer-v2-suffix", hs(P(iss=TENANT + "/v2.0", aud="api://orders", scope=None, scp="Orders.Read")), ["CLM003"],
    SECRET + [("issuer", TENANT + "/")], checks="iss=fail", steps="token-audience=fail",
    messages=["one has the `/v2.0` suffix of Microsoft identity platform v2 tokens and the other does not"])
add("claims/no-issuer", hs(P(iss=None)), ["CLM004"], SECRET + [("issuer", ISS)], checks="iss=fail", steps="token-audience=fail",
    messages=["The token has no `iss`; the API expects `https://login.example.com/`"])
add("claims/scope-letter-case", hs(P(iss=TENANT + "/v2.0", aud="api://orders", scope=None, scp="Orders.Read Orders.Write")), ["CLM005"],
    SECRET + [("scope", "orders.read")], checks="scope=fail", steps="token-scope=fail",
    messages=["The token lacks `orders.read` (it grants `Orders.Read`, `Orders.Write`); `Orders.Read` differs from `orders.read` only in letter case"])
add("claims/no-scopes", hs(P(sub="svc-billing@clients", scope=None, client_id="svc-billing", gty="client-credentials")), ["CLM006"],
    SECRET + [("scope", "invoices:write")], checks="scope=fail", steps="token-scope=fail",
    messages=["The token has no `scope`, `scp` or `roles` claim; the API requires `invoices:write`"])
add("claims/id-token-sent", hs(P(aud="web-portal", azp="web-portal", scope=None, nonce="n-0S6_WzA2Mj", at_hash="77QmUPtjPfzWtF2AnpK9RQ",
    name="Dana Schulz", email="dana@example.com"), {"alg": "HS256", "typ": "JWT"}), ["CLM001", "CLM007"], SECRET + [("audience", AUD)],
    checks="aud=fail", steps="token-type=warn token-audience=fail",
    messages=["The token has `nonce`, `at_hash`, `aud` is the client `web-portal` named by `azp`, the marks of an OpenID Connect ID token"])
add("claims/other-client", hs(P(azp="mobile-app", client_id="mobile-app")), ["CLM008"], SECRET + [("client-id", "web-portal")],
    checks="signature=pass", steps="identity-provider=fail", messages=["`azp` is `mobile-app`, but the expected client is `web-portal`"])
add("claims/roles-object", hs(P(scope=None, roles={"orders-api": ["orders.read"]})), ["CLM009", "CLM005"], SECRET + [("scope", "orders.read")],
    checks="scope=fail", steps="token-scope=fail", messages=['`roles` is `{"orders-api":["orders.read"]}`; it must be a string or an array of strings'])
KC = "https://sso.example.com/realms/shop"
add("claims/refresh-token", jws({"alg": "HS512", "typ": "JWT", "kid": "6f1c0e4a-2b7d-4c55-9a3e-8d2f1b7c0a94"},
    {"exp": NOW + 1800, "iat": NOW - 60, "jti": "0b8e6c3a-91f2-4d7e-b5a1-3c9d2e7f4a10", "iss": KC, "aud": KC, "sub": "user-4821", "typ": "Refresh",
     "azp": "web-portal", "sid": "c2a7e0f1-5d3b-4e8a-9c6f-1b2d3e4f5a6b", "scope": "openid profile email"}, b"keycloak-realm-hs512-key-" * 3, alg="HS512"),
    ["CLM010"], checks="exp=pass", steps="token-type=fail",
    messages=["The token says it is a refresh token"])
add("claims/long-lived", hs(P(iat=NOW - 86400 * 30, exp=NOW + 86400 * 335)), ["JWT029"], SECRET, checks="signature=pass exp=pass",
    steps="token-expiry=pass", messages=["The token is valid for 365 d from `iat` to `exp`"])
add("claims/sign-in-too-old", hs(P(auth_time=NOW - 86400 * 3 - 7200)), ["JWT030"], SECRET + [("max-age", "3600")], checks="exp=pass",
    steps="fresh-login=fail", messages=["longer ago than `max_age` (1 h)"])
add("claims/max-age-without-auth-time", hs(P()), ["JWT030"], SECRET + [("max-age", "86400")], checks="exp=pass", steps="fresh-login=fail",
    messages=["`max_age` is expected, but the token has no `auth_time` to check it against"])

for name, text in cases.items():
    path = os.path.join(ROOT, name + ".txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f: f.write(text)
print(len(cases))
print(",\n".join(f'    "{n}"' for n in sorted(cases)) + ",")
