"""The workloads of run.sh on `python-alipay-sdk` (module `alipay`, an OpenAPI SDK: RSA/RSA2 through
pycryptodomex), timed like alipay-core/benches/sdk_workloads.rs.

    python python_harness.py INPUTS_DIR   → one JSON object on stdout

What is measured:
- prepare_rsa2: the SDK's public `AliPay.sign_data(params)` (sorted `k=v` joined with `&`, SHA256withRSA,
  `k=quote_plus(v)` joined, `sign` appended), plus `&sign_type=RSA2`: MAPI does not sign `sign_type`, so
  it is not passed in. `sign_data` does not drop empty values; the seed has none.
- prepare_md5: the same `sign_data` on a subclass whose `_sign` is hashlib MD5 of string + key. The SDK
  has no MD5; this is its pipeline with the one step it lacks.
- parse_verify: the XML parsed with xml.etree.ElementTree (the SDK has no XML support),
  `<is_success>` checked, the payload's fields with `sign_type` from the envelope, and the SDK's public
  `AliPay.verify(data, sign)` (checks `sign_type`, sorts, joins, verifies).
- notify_verify: the body decoded with urllib.parse.parse_qsl (which drops empty values: `verify` would
  sign them, MAPI does not), `sign` popped, and `AliPay.verify(data, sign)`, as the SDK's README shows.
Reference point (a footnote, not in the ratios):
- json_response_check: the SDK's own sync-response check on the same payload as JSON
  (`_verify_and_return_sync_response(raw, key)`: what `server_api` does after the HTTP call).
"""
import hashlib
import importlib.metadata
import json
import math
import os
import platform
import statistics
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

from alipay import AliPay

inputs_dir = sys.argv[1]


def read(name):
    with open(os.path.join(inputs_dir, name), "rb") as f:
        return f.read()


params = dict(line.split("\t") for line in read("params.tsv").decode().splitlines() if line)
md5_key = read("md5_key.txt").decode()
response_xml = read("response.xml")
response_json = read("response.json").decode()
notify_body = read("notify.txt").decode()
keys = dict(
    appid="2088002464631181",
    app_private_key_string=read("rsa2048_pkcs8.pem").decode(),
    alipay_public_key_string=read("rsa2048_pub_spki.pem").decode(),
    sign_type="RSA2",
)
alipay = AliPay(**keys)


class Md5AliPay(AliPay):
    """The SDK's signing pipeline with MAPI's MD5 (lowercase hex of md5(string + key))."""

    def _sign(self, unsigned_string):
        return hashlib.md5((unsigned_string + md5_key).encode()).hexdigest()


md5_alipay = Md5AliPay(**keys)


def prepare_md5():
    return md5_alipay.sign_data(params) + "&sign_type=MD5"


def prepare_rsa2():
    return alipay.sign_data(params) + "&sign_type=RSA2"


def parse_verify():
    root = ET.fromstring(response_xml)
    if root.findtext("is_success") != "T":
        raise ValueError("unexpected envelope")
    data = {child.tag: child.text or "" for child in root.find("response")[0]}
    data["sign_type"] = root.findtext("sign_type")
    if not alipay.verify(data, root.findtext("sign")):
        raise ValueError("bad sign")
    return data


def notify_verify():
    data = dict(urllib.parse.parse_qsl(notify_body))
    if not data.get("notify_id"):
        raise ValueError("unexpected notification")
    if not alipay.verify(data, data.pop("sign")):
        raise ValueError("bad sign")
    return data


def json_response_check():
    return alipay._verify_and_return_sync_response(response_json, "sns_create_goods_ws_response")


def measure(seconds, op):
    """Same method as sdk_workloads.rs: warm up, ~5 ms batches for `seconds`, median per op."""
    now = time.perf_counter_ns
    warm = max(seconds / 10, 0.2) * 1e9
    start, n = now(), 0
    while now() - start < warm:
        op()
        n += 1
    per_op = (now() - start) / n
    batch = max(1, math.ceil(5e6 / per_op))
    samples = []
    start = now()
    while now() - start < seconds * 1e9 or len(samples) < 11:
        t = now()
        for _ in range(batch):
            op()
        samples.append((now() - t) / batch)
    return {"median_ns": statistics.median(samples), "batches": len(samples), "batch": batch}


def main():
    seconds = float(os.environ.get("BENCH_SECONDS", "2"))
    outputs = {"md5_query": prepare_md5(), "rsa2_query": prepare_rsa2()}
    parse_verify()
    notify_verify()
    json_response_check()
    results = {
        "prepare_md5": measure(seconds, prepare_md5),
        "prepare_rsa2": measure(seconds, prepare_rsa2),
        "parse_verify": measure(seconds, parse_verify),
        "notify_verify": measure(seconds, notify_verify),
        "json_response_check": measure(seconds, json_response_check),
    }
    print(json.dumps({
        "sdk": "python-alipay-sdk",
        "version": importlib.metadata.version("python-alipay-sdk"),
        "runtime": f"python {platform.python_version()}",
        "deps": {"pycryptodomex": importlib.metadata.version("pycryptodomex")},
        "results": results,
        "outputs": outputs,
    }))


if __name__ == "__main__":
    main()
