#!/usr/bin/env python3
"""Writes the inputs every harness reads, once, into OUT (default .work/inputs).

Only the standard library and the `openssl` command are used, so the signed inputs come from an
implementation independent of all the libraries measured:

- params.tsv          the seed's 17 `sns.create.goods.ws` sample parameters (name TAB value, seed order,
                      unsorted; the same list as alipay-core/benches/prepare.rs, without sign/sign_type)
- md5_key.txt         the demo MD5 partner key of `cargo run --example sign_request`
- rsa2048_pkcs8.pem,  the test-only RSA-2048 key pair of alipay-core/tests/fixtures/keys
  rsa2048_pub_spki.pem
- response.xml        alipay-core/tests/fixtures/xml/sns_create_goods_ws.xml with its DSA <sign> replaced
                      by an RSA2 signature of its payload (response rule: the <goods> children sorted by
                      name, `k=v` joined with `&`) and <sign_type>RSA2</sign_type>; all else byte-identical
- response.json       the same 15 payload fields as an OpenAPI-style JSON response, RSA2-signed over the
                      raw JSON text of the payload object (what the two SDKs' own response checks expect)
- notify.txt          the RSA2 notification body of alipay-core/tests/notify.rs (24 parameters, one empty)
- expected.json       known answers computed here: the canonical strings, the MD5 and RSA2 signatures of
                      the request, so the harnesses' outputs can be checked before their times count
"""
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "alipay-core", "tests", "fixtures")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, ".work", "inputs")

MD5_KEY = "demo0000000000000000000000000000"
PRIVATE_PEM = os.path.join(FIXTURES, "keys", "rsa2048_pkcs8.pem")
PUBLIC_PEM = os.path.join(FIXTURES, "keys", "rsa2048_pub_spki.pem")

# The 样例 column of the seed's sns.create.goods.ws request table, in the seed's order.
SEED_PARAMS = [
    ("_input_charset", "utf-8"),
    ("service", "sns.create.goods.ws"),
    ("partner", "2088002464631181"),
    ("notify_url", "http://www.test.com/notify/alipay/interface.htm"),
    ("sns_user_id", "id20111107434343"),
    ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
    ("outer_goods_id", "id2011434535743854"),
    ("goods_name", "二手围巾"),
    ("goods_info", "8成新"),
    ("goods_fee", "100.40"),
    ("goods_total_num", "100"),
    ("buy_max_num", "100"),
    ("flow_type", "1"),
    ("flow_fee", "11.50"),
    ("who_pay", "2"),
    ("valid_date", "15"),
    ("timestamp", "1309437333420"),
]

# The notification of alipay-core/tests/notify.rs (its `P`), signed RSA2 there as here.
NOTIFY_PARAMS = [
    ("notify_time", "2013-10-22 18:43:17"), ("notify_type", "trade_status_sync"),
    ("notify_id", "RqPnCoPT3K9%2Fvwbh3I+ODmZS9o4q/ChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG"),
    ("out_trade_no", "6843192280647118"), ("subject", "二手围巾"), ("body", ""),
    ("payment_type", "1"), ("trade_no", "2013102200001004390046735432"),
    ("trade_status", "WAIT_SELLER_SEND_GOODS"), ("seller_id", "2088002464631181"),
    ("seller_email", "seller@example.com"), ("buyer_id", "2088102000000000"),
    ("buyer_email", "buyer@example.com"), ("price", "100.40"), ("quantity", "1"),
    ("total_fee", "100.40"), ("gmt_create", "2013-10-22 18:40:10"),
    ("gmt_payment", "2013-10-22 18:43:16"), ("is_total_fee_adjust", "N"), ("use_coupon", "N"),
    ("logistics_type", "EXPRESS"), ("logistics_fee", "0.00"), ("logistics_payment", "SELLER_PAY"),
    ("receive_name", "张三"),
]


def canonical(params):
    """PROTOCOL.md, Signing: all but sign/sign_type, empty values dropped, sorted by name, k=v&…"""
    kept = [(k, v) for k, v in params if v != "" and k not in ("sign", "sign_type")]
    return "&".join(f"{k}={v}" for k, v in sorted(kept, key=lambda kv: kv[0].encode()))


def rsa2(text):
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-sign", PRIVATE_PEM],
        input=text.encode("utf-8"), capture_output=True, check=True,
    ).stdout
    return base64.b64encode(out).decode()


def main():
    os.makedirs(OUT, exist_ok=True)
    shutil.copy(PRIVATE_PEM, OUT)
    shutil.copy(PUBLIC_PEM, OUT)
    with open(os.path.join(OUT, "md5_key.txt"), "w") as f:
        f.write(MD5_KEY)
    with open(os.path.join(OUT, "params.tsv"), "w", encoding="utf-8") as f:
        f.writelines(f"{k}\t{v}\n" for k, v in SEED_PARAMS)

    # The request: known answers for both sign types.
    request_string = canonical(SEED_PARAMS)
    expected = {
        "request_string": request_string,
        "md5_sign": hashlib.md5((request_string + MD5_KEY).encode("utf-8")).hexdigest(),
        "rsa2_sign": rsa2(request_string),
    }

    # The response: the seed's XML, re-signed RSA2 over its payload.
    with open(os.path.join(FIXTURES, "xml", "sns_create_goods_ws.xml"), "rb") as f:
        xml = f.read()
    goods = ET.fromstring(xml).find("response/goods")
    fields = [(child.tag, child.text or "") for child in goods]
    response_string = canonical(fields)
    response_sign = rsa2(response_string)
    xml, n = re.subn(rb"<sign>[^<]*</sign>", f"<sign>{response_sign}</sign>".encode(), xml)
    assert n == 1, "one <sign> in the fixture"
    xml, n = re.subn(rb"<sign_type>[^<]*</sign_type>", b"<sign_type>RSA2</sign_type>", xml)
    assert n == 1, "one <sign_type> in the fixture"
    with open(os.path.join(OUT, "response.xml"), "wb") as f:
        f.write(xml)
    expected["response_string"] = response_string

    # The same payload in the OpenAPI JSON shape the SDKs check natively.
    payload = json.dumps(dict(fields), ensure_ascii=False, separators=(",", ":"))
    json_body = '{"sns_create_goods_ws_response":%s,"sign":"%s"}' % (payload, rsa2(payload))
    with open(os.path.join(OUT, "response.json"), "w", encoding="utf-8") as f:
        f.write(json_body)

    # The notification, form-encoded as Alipay POSTs it.
    notify_sign = rsa2(canonical(NOTIFY_PARAMS))
    body = urllib.parse.urlencode(NOTIFY_PARAMS + [("sign_type", "RSA2"), ("sign", notify_sign)])
    with open(os.path.join(OUT, "notify.txt"), "w") as f:
        f.write(body)
    expected["notify_string"] = canonical(NOTIFY_PARAMS)

    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
