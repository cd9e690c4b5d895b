# Writes crates/engine/tests/fixtures/jwt/*.txt: realistic tokens with times around a fixed "now".
# Run from that folder: python3 ../../../../../scripts/gen-jwt-fixtures.py
import base64, json
NOW=1764000000
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
def j(o): return b64(json.dumps(o,separators=(',',':')).encode())
SIG=b64(b'not a real signature, 32 bytes!!')
def tok(h,p,sig=SIG): return f"{j(h)}.{j(p)}.{sig}"
HS={"alg":"HS256","typ":"JWT"}
RS={"alg":"RS256","typ":"JWT","kid":"2026-11-key-a"}
base={"iss":"https://login.example.com/","sub":"user-4821","aud":"https://api.example.com"}
def P(**kw):
    d=dict(base); d.update(kw); return d
cases={}
def add(name, body, findings, inputs="jwt", checks="", steps="", now=None, skew=None, messages=()):
    head=[]
    if now is not None: head.append(f"now: {now}")
    if skew is not None: head.append(f"skew: {skew}")
    head.append(f"inputs: {inputs}")
    head.append("findings: "+(" ".join(findings) if findings else "none"))
    if checks: head.append("checks: "+checks)
    if steps: head.append("steps: "+steps)
    for m in messages: head.append("message: "+m)
    cases[name]="\n".join(head)+"\n---\n"+body+"\n"
add("valid", tok(RS,P(exp=NOW+3600,iat=NOW-60,nbf=NOW-60)), [], checks="signature=skip exp=pass nbf=pass iat=pass aud=skip", steps="token-expiry=pass device-clock=unknown authorization-header=unknown")
add("expired", tok(HS,P(exp=NOW-8040,iat=NOW-11640)), ["JWT001"], checks="exp=fail iat=pass", steps="token-expiry=fail", messages=["`exp` was 2 h 14 min ago (2025-11-24 13:46:00 UTC)"])
add("exp-equals-now-no-skew", tok(HS,P(exp=NOW)), ["JWT001"], skew=0, checks="exp=fail", steps="token-expiry=fail")
add("exp-within-skew", tok(HS,P(exp=NOW-30)), ["JWT002"], checks="exp=warn", steps="token-expiry=warn", messages=["within the 1 min allowance"])
add("nbf-in-future", tok(HS,P(exp=NOW+7200,nbf=NOW+600)), ["JWT003"], checks="nbf=fail exp=pass", steps="token-expiry=fail")
add("nbf-within-skew", tok(HS,P(exp=NOW+7200,nbf=NOW+30)), ["JWT004"], checks="nbf=warn", steps="token-expiry=warn")
add("iat-in-future", tok(HS,P(exp=NOW+7200,iat=NOW+900)), ["JWT005"], checks="iat=warn exp=pass", steps="device-clock=warn token-expiry=pass")
add("no-exp", tok(HS,P(iat=NOW-10)), ["JWT006"], checks="exp=warn", steps="token-expiry=warn")
add("exp-string", tok(HS,P(exp=str(NOW+3600))), ["JWT007"], checks="exp=fail", steps="token-expiry=fail", messages=["a number in quotes"])
add("exp-milliseconds", tok(HS,P(exp=(NOW+3600)*1000)), ["JWT008"], checks="exp=fail", steps="token-expiry=fail")
add("never-valid", tok(HS,P(exp=NOW+10,nbf=NOW+10,iat=NOW-5)), ["JWT025","JWT004","JWT009"], checks="exp=pass nbf=warn")
add("two-parts", f"{j(HS)}.{j(P(exp=NOW+3600))}", ["JWT010"], checks="exp=pass", steps="authorization-header=fail", messages=["the signature is missing"])
add("four-parts", f"{j(HS)}.{j(P(exp=NOW+3600))}.{SIG}.{SIG}", ["JWT010"], messages=["4 parts"])
pl=j(P(exp=NOW+3600)); bad=pl[:10]+"%"+pl[11:]
add("bad-base64url", f"{j(HS)}.{bad}.{SIG}", ["JWT011"], checks="exp=skip", steps="authorization-header=fail token-expiry=unknown", messages=["`%` at character 11"])
for n in range(10):
    padded=base64.urlsafe_b64encode(json.dumps(P(exp=NOW+3600,x="a"*n)).encode()).decode()
    if padded.endswith("=") and "-" not in padded and "_" not in padded: break
add("padded", f"{j(HS)}.{padded}.{SIG}", ["JWT012"], checks="exp=pass", steps="authorization-header=warn")
for n in range(1000):
    e=j(P(exp=NOW+3600, n="?>~"*(n%7+1)+str(n)))
    if "_" in e or "-" in e: break
std=e.replace("-","+").replace("_","/")
add("standard-alphabet", f"{j(HS)}.{std}.{SIG}", ["JWT013"], checks="exp=pass", steps="authorization-header=warn")
add("trailing-bits", f"{j(HS)}.{j(P(exp=NOW+3600))}.YR", ["JWT014"], messages=["signature"])
add("header-not-json", f"{b64(b'{alg:HS256}')}.{j(P(exp=NOW+3600))}.{SIG}", ["JWT015"], checks="signature=skip exp=pass", messages=["The header is not JSON"])
add("payload-array", f"{j(HS)}.{b64(b'[1,2]')}.{SIG}", ["JWT016"], checks="exp=skip", messages=["a JSON array"])
add("header-not-utf8", f"{b64(bytes([0x7b,0xff,0x7d]))}.{j(P(exp=NOW+3600))}.{SIG}", ["JWT017"], messages=["offset 1"])
add("no-alg", tok({"typ":"JWT"},P(exp=NOW+3600)), ["JWT018"], checks="signature=fail", steps="token-signature=fail")
add("alg-none", tok({"alg":"none"},P(exp=NOW+3600),""), ["JWT019"], checks="signature=fail", steps="token-signature=fail")
add("empty-signature", tok(HS,P(exp=NOW+3600),""), ["JWT020"], checks="signature=skip", steps="token-signature=fail")
t=tok(RS,P(exp=NOW+3600)); wrapped="\n".join(t[i:i+40] for i in range(0,len(t),40))
add("wrapped-over-lines", wrapped, ["JWT021"], checks="exp=pass", steps="authorization-header=fail")
jwe=f"{j({'alg':'RSA-OAEP','enc':'A256GCM','cty':'JWT'})}.{b64(b'k'*32)}.{b64(b'iv'*6)}.{b64(b'ciphertext')}.{b64(b't'*16)}"
add("jwe", jwe, ["JWT022"], inputs="jwe", checks="signature=skip exp=skip", steps="token-type=unknown token-expiry=unknown", messages=["`RSA-OAEP` and `enc` `A256GCM`"])
hdr=b64(b'{"alg":"HS256","alg":"none"}')
pay=b64(('{"sub":"a","exp":%d,"sub":"b"}'%(NOW+3600)).encode())
add("duplicate-members", f"{hdr}.{pay}.{SIG}", ["JWT023","JWT023","JWT019"], checks="signature=fail", messages=["The header repeats `alg`","The payload repeats `sub`"])
add("large-token", tok(HS,P(exp=NOW+3600,groups=["group-%04d"%i for i in range(700)])), ["JWT024"], steps="proxy-gateway=warn")
add("expires-soon", tok(HS,P(exp=NOW+120)), ["JWT025"], checks="exp=pass", steps="token-expiry=pass", messages=["in 2 min"])
add("exp-out-of-range", tok(HS,P(exp=1e300)), ["JWT026"], checks="exp=fail")
add("opaque-bearer", "Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA", ["JWT027"], inputs="authorization")
add("alg-not-string", tok({"alg":256},P(exp=NOW+3600)), ["JWT028"], checks="signature=fail")
add("authorization-header", "Authorization: Bearer "+tok(RS,P(exp=NOW+3600)), [], inputs="authorization", checks="exp=pass", steps="authorization-header=pass token-expiry=pass")
add("bearer-value-alone", "Bearer "+tok(RS,P(exp=NOW-7200)), ["JWT001"], inputs="authorization", steps="authorization-header=pass token-expiry=fail")
add("token-in-log", "2026-11-25T04:10:03Z WARN auth: rejected token="+tok(HS,P(exp=NOW-60))+" for user-4821\n2026-11-25T04:10:04Z INFO retry with "+tok(RS,P(exp=NOW+3600))+".", ["JWT001"], inputs="jwt jwt")
add("same-token-twice", "token="+tok(HS,P(exp=NOW+3600))+" again "+tok(HS,P(exp=NOW+3600)), [], inputs="jwt")
add("plain-text", "HTTP 401 but I don't know why", ["IN002"], inputs="unknown", steps="capture=unknown")
add("empty", "", [], inputs="none", steps="token-expiry=unknown")
add("markup-in-claims", tok(HS,P(exp=NOW+3600,name="<script>alert(1)</script><img src=x onerror=alert(2)>")), [], checks="exp=pass")
for name, text in cases.items():
    open(f"{name}.txt","w").write(text)
print(len(cases))
