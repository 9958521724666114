//! The `alipay` binary, run as a user runs it: flags, environment, exit codes and output.
//!
//! Every signature below is a known answer computed by an independent tool (Python's hashlib,
//! the openssl command), with the command written next to it; none comes from this code.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

/// The SNS document's demo MD5 key (the README's `sign_request` example uses it too).
const KEY: &str = "demo0000000000000000000000000000";
const PARTNER: &str = "2088002464631181";

/// The `alipay` binary with a clean environment: no `ALIPAY_*` variable leaks in from the shell
/// that runs the tests.
fn alipay() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alipay"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("ALIPAY_") {
            cmd.env_remove(name);
        }
    }
    cmd.stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run the alipay binary")
}

/// Runs with `input` on stdin.
fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the alipay binary");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for alipay")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

#[track_caller]
fn assert_code(out: &Output, expected: i32) {
    assert_eq!(
        code(out),
        expected,
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        stdout(out),
        stderr(out)
    );
}

/// stdout's lines.
fn lines(out: &Output) -> Vec<String> {
    stdout(out).lines().map(str::to_owned).collect()
}

fn key_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../alipay-core/tests/fixtures/keys")
        .join(name)
}

// ---------------------------------------------------------------------------------------------
// sign: known answers

/// The `send_goods_confirm_by_platform` parameters, out of order, with an empty value and the
/// signature parameters, which are all left out of the signed string.
const SHIP_PARAMS: &[&str] = &[
    "service=send_goods_confirm_by_platform",
    "trade_no=2013102226991504",
    "partner=2088002464631181",
    "logistics_name=申通快递",
    "transport_type=EXPRESS",
    "invoice_no=",
    "sign=0123456789abcdef0123456789abcdef",
    "sign_type=MD5",
];

const SHIP_STRING_UTF8: &str = "_input_charset=utf-8&logistics_name=申通快递&partner=2088002464631181\
    &service=send_goods_confirm_by_platform&trade_no=2013102226991504&transport_type=EXPRESS";

/// python3 -c "import hashlib; print(hashlib.md5((S + 'demo0000000000000000000000000000')
///     .encode('utf-8')).hexdigest())" with S = SHIP_STRING_UTF8
const SHIP_SIGN_UTF8: &str = "1b0f6d78fe034d8c42a5442e1f3a48f1";

const SHIP_STRING_GBK: &str = "_input_charset=gbk&logistics_name=申通快递&partner=2088002464631181\
    &service=send_goods_confirm_by_platform&trade_no=2013102226991504&transport_type=EXPRESS";

/// python3 -c "import hashlib; print(hashlib.md5((S + 'demo0000000000000000000000000000')
///     .encode('gbk')).hexdigest())" with S = SHIP_STRING_GBK
const SHIP_SIGN_GBK: &str = "5fc057a85174b97fc0db88053137021a";

#[test]
fn sign_md5_utf8_chinese_values_empty_values_and_signature_params_dropped() {
    let out = run(alipay()
        .args([
            "sign",
            "--sign-type",
            "MD5",
            "--key",
            KEY,
            "_input_charset=utf-8",
        ])
        .args(SHIP_PARAMS));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [SHIP_STRING_UTF8, SHIP_SIGN_UTF8]);
}

#[test]
fn sign_md5_gbk_signs_the_gbk_bytes() {
    let out = run(alipay()
        .args([
            "sign",
            "--key",
            KEY,
            "--charset",
            "gbk",
            "_input_charset=gbk",
        ])
        .args(SHIP_PARAMS));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [SHIP_STRING_GBK, SHIP_SIGN_GBK]);
}

#[test]
fn sign_takes_key_sign_type_and_charset_from_the_environment() {
    let out = run(alipay()
        .env("ALIPAY_KEY", KEY)
        .env("ALIPAY_SIGN_TYPE", "MD5")
        .env("ALIPAY_CHARSET", "gbk")
        .args(["sign", "_input_charset=gbk"])
        .args(SHIP_PARAMS));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [SHIP_STRING_GBK, SHIP_SIGN_GBK]);
}

#[test]
fn a_flag_wins_over_its_variable() {
    let out = run(alipay()
        .env("ALIPAY_KEY", "not-the-key")
        .env("ALIPAY_CHARSET", "gbk")
        .args([
            "sign",
            "--key",
            KEY,
            "--charset",
            "utf-8",
            "_input_charset=utf-8",
        ])
        .args(SHIP_PARAMS));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [SHIP_STRING_UTF8, SHIP_SIGN_UTF8]);
}

/// Values with `&`, `=` and spaces are split at the first `=` only and signed raw; names sort
/// by name, not by the joined pair (`a` < `a1` < `a_b`).
const RAW_STRING: &str = "a=1&a1=2&a_b=3&body=x=y&subject=a&b=c d";

/// python3 -c "import hashlib; print(hashlib.md5(('a=1&a1=2&a_b=3&body=x=y&subject=a&b=c d'
///     + 'demo0000000000000000000000000000').encode()).hexdigest())"
const RAW_SIGN: &str = "fd7c845061db777503188d2bf59d54e6";

#[test]
fn sign_values_with_ampersands_equals_signs_and_spaces() {
    let out = run(alipay().args([
        "sign",
        "--key",
        KEY,
        "subject=a&b=c d",
        "body=x=y",
        "a_b=3",
        "a1=2",
        "a=1",
    ]));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [RAW_STRING, RAW_SIGN]);
}

#[test]
fn sign_does_not_add_input_charset() {
    let out = run(alipay().args(["sign", "--key", KEY, "service=x"]));
    assert_code(&out, 0);
    // python3 -c "import hashlib; print(hashlib.md5(b'service=xdemo0000000000000000000000000000').hexdigest())"
    assert_eq!(
        lines(&out),
        ["service=x", "68de97735ab4aed4f015ae340a99188c"]
    );
}

#[test]
fn sign_json_prints_one_object() {
    let out = run(alipay()
        .args(["sign", "--json", "--key", KEY, "_input_charset=utf-8"])
        .args(SHIP_PARAMS));
    assert_code(&out, 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({ "string_to_sign": SHIP_STRING_UTF8, "sign": SHIP_SIGN_UTF8 })
    );
}

/// The signed string of the RSA known answers: a Chinese value holding `&` and `=`.
const RSA_PARAMS: &[&str] = &[
    "service=single_trade_query",
    "partner=2088002464631181",
    "_input_charset=utf-8",
    "out_trade_no=订单 1&b=2",
];
const RSA_STRING: &str = "_input_charset=utf-8&out_trade_no=订单 1&b=2&partner=2088002464631181\
    &service=single_trade_query";

/// printf '%s' "$RSA_STRING" | openssl dgst -sha1 -sign alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem | base64 -w0
const RSA_SIGN: &str = "emuC3oimor1u5+Dnf5jY/6omOAo8OaGQn8IVA/j5JxN9xq0KtyLkdFmubyDyKcDsrQYS8W5ES/TPxcXem5QVeSZUv54aidF3+j/eeKbUqWd04JQOZHA3eV3QivbIJwPnr/w8kzBjOOdm/LhmyO0xSHTUN6rygYWnsgazY5G45vk3PESApNBjg2LkYHKPEX5zSWUTEqczKwKAXX4Ykuek21M9CW53xaCsFftCeP6z3SHvG80ZxEqEpcvoxWz/aMmqTmTZD89f2BNLmnynNoQoUPPi2pNuiV0VH2B0Mxkf4WBGYzgqQIYvMzOxh1waavT/Vgfnf4PBAoy9ES4H9gflTA==";

/// printf '%s' "$RSA_STRING" | openssl dgst -sha256 -sign alipay-core/tests/fixtures/keys/rsa2048_pkcs8.pem | base64 -w0
const RSA2_SIGN: &str = "YswaezTuMLi9KFblXpIOlNPIgu7RXqvhujI+2OEpcQJf2uP9fjB2PmZmZy4VGLIOqCVUcOKmeThuQNcUQ1FhV1dY7OMkzBgTNjNLwhqKqWrUejvNA5gwazyXlYN2a6QNhdzbXR6Ui+V5uCke9+VZSijTxu9HLvCw6x+/P43YpptJpOHkZcSuUIu8dmICZAW+rbEUeMKK6EIu31yOZPuuUUBNObPTHbgAV9ryuUDZG2rRvF5caKvQ194xAFHoUIgqUFpyl4O6na9nU1lnU1cZDlH/cr6OnX0WcucBWS4erQ0bP6pTzouV+Ak4ReKxDOQJ+jVFIQvdj7unQgh3v3D3Dg==";

#[test]
fn sign_rsa_and_rsa2_known_answers() {
    for (sign_type, expected) in [("RSA", RSA_SIGN), ("RSA2", RSA2_SIGN)] {
        let out = run(alipay()
            .args(["sign", "--sign-type", sign_type, "--private-key"])
            .arg(key_file("rsa2048_pkcs8.pem"))
            .args(RSA_PARAMS));
        assert_code(&out, 0);
        assert_eq!(lines(&out), [RSA_STRING, expected], "{sign_type}");
    }
    // The same key as PKCS#1 PEM, from the environment.
    let out = run(alipay()
        .env("ALIPAY_SIGN_TYPE", "RSA2")
        .env("ALIPAY_PRIVATE_KEY", key_file("rsa2048_pkcs1.pem"))
        .arg("sign")
        .args(RSA_PARAMS));
    assert_code(&out, 0);
    assert_eq!(lines(&out), [RSA_STRING, RSA2_SIGN]);
}

/// DSA signatures are randomised in openssl, so the check runs the other way: openssl verifies
/// the CLI's signature (`openssl dgst -sha1 -verify pub.pem -signature sig.der`).
#[test]
fn sign_dsa_verifies_with_openssl() {
    let out = run(alipay()
        .args(["sign", "--sign-type", "DSA", "--private-key"])
        .arg(key_file("dsa1024_pkcs8.pem"))
        .args(RSA_PARAMS));
    assert_code(&out, 0);
    let lines = lines(&out);
    assert_eq!(lines[0], RSA_STRING);
    let der = base64_decode(&lines[1]);
    let dir = temp_dir("dsa");
    let (data, sig) = (dir.join("data"), dir.join("sig.der"));
    std::fs::write(&data, RSA_STRING).expect("write data");
    std::fs::write(&sig, der).expect("write signature");
    let verified = Command::new("openssl")
        .args(["dgst", "-sha1", "-verify"])
        .arg(key_file("dsa1024_pub_spki.pem"))
        .arg("-signature")
        .arg(&sig)
        .arg(&data)
        .output()
        .expect("run openssl (apt-get install openssl)");
    assert!(
        verified.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&verified.stdout)
    );
}

#[test]
fn sign_gbk_refuses_a_character_gbk_cannot_encode_and_names_the_parameter() {
    let out = run(alipay().args([
        "sign",
        "--key",
        KEY,
        "--charset",
        "gbk",
        "a=中文",
        "subject=笑😀",
    ]));
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("\"subject\"") && err.contains("gbk"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Usage errors and secrets

#[test]
fn lower_case_sign_type_is_refused() {
    for args in [
        &["sign", "--sign-type", "md5", "--key", KEY, "a=1"][..],
        &[
            "verify",
            "--sign-type",
            "rsa2",
            "--key",
            KEY,
            "--sign",
            "x",
            "a=1",
        ][..],
    ] {
        let out = run(alipay().args(args));
        assert_code(&out, 64);
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert!(
            err.contains("upper case") || err.contains("case-sensitive"),
            "{err}"
        );
    }
    let out = run(alipay()
        .env("ALIPAY_SIGN_TYPE", "md5")
        .args(["sign", "--key", KEY, "a=1"]));
    assert_code(&out, 64);
    assert!(
        stderr(&out).contains("ALIPAY_SIGN_TYPE"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_64_and_help_exits_0() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["sign", "--key", KEY][..],
        &["sign", "--key", KEY, "novalue"][..],
        &["sign", "--key", KEY, "=v"][..],
        &["sign", "--key", KEY, "--bogus", "a=1"][..],
        &["sign", "--key", KEY, "--charset", "latin1", "a=1"][..],
        &["sign", "--key", KEY, "a=1", "a=2"][..],
        &["sign", "a=1"][..],                        // no key
        &["sign", "--sign-type", "RSA2", "a=1"][..], // no private key
        &["verify", "--key", KEY, "a=1"][..],        // no signature
        &["sign", "--key", "", "a=1"][..],           // an empty MD5 key
        &[
            "verify",
            "--key",
            "",
            "--sign",
            "0123456789abcdef0123456789abcdef",
            "a=1",
        ][..],
        &["call"][..],
        &["call", "no.such.service", "a=1"][..],
        &["explain"][..],
    ] {
        let out = run(alipay().args(args));
        assert_eq!(code(&out), 64, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
    for args in [
        &["--help"][..],
        &["--version"][..],
        &["sign", "--help"][..],
        &["help", "call"][..],
    ] {
        let out = run(alipay().args(args));
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(!stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn help_documents_the_exit_codes_and_the_environment() {
    let out = run(alipay().arg("--help"));
    let help = stdout(&out);
    for needle in [
        "ALIPAY_GATEWAY",
        "ALIPAY_PARTNER",
        "ALIPAY_SIGN_TYPE",
        "ALIPAY_KEY",
        "ALIPAY_PRIVATE_KEY",
        "ALIPAY_PUBLIC_KEY",
        "ALIPAY_CHARSET",
        "64",
        "69",
        "70",
    ] {
        assert!(help.contains(needle), "{needle} missing from --help");
    }
}

#[test]
fn unknown_service_lists_the_known_ones() {
    let out = run(alipay().args(["call", "sns.create.goods", "a=1"]));
    assert_code(&out, 64);
    let err = stderr(&out);
    for name in [
        "sns.create.goods.ws",
        "send_goods_confirm_by_platform",
        "single_trade_query",
    ] {
        assert!(err.contains(name), "{err}");
    }
}

/// A key no output may contain.
const SECRET: &str = "s3cr3t-md5-key-never-printed-0001";

#[test]
fn the_md5_key_is_never_printed() {
    let mut runs: Vec<Output> = vec![
        run(alipay().args(["sign", "--key", SECRET, "a=1"])),
        run(alipay().args(["sign", "--json", "--key", SECRET, "a=1"])),
        run(alipay().args(["sign", "--key", SECRET, "--bogus", "a=1"])),
        run(alipay().args(["sign", "--key", SECRET, "--sign-type", "md5", "a=1"])),
        run(alipay().args(["sign", "--key", SECRET, "--charset", "gbk", "a=😀"])),
        run(alipay().args(["verify", "--key", SECRET, "--sign", "00", "a=1"])),
        run(alipay().args(["verify", "--key", SECRET, "a=1"])),
        run(alipay().env("ALIPAY_KEY", SECRET).args(["sign", "a=1"])),
        run(alipay()
            .env("ALIPAY_KEY", SECRET)
            .args(["call", "single_trade_query", "trade_no=1"])),
        run(alipay().env("ALIPAY_KEY", SECRET).args([
            "call",
            "single_trade_query",
            "--partner",
            PARTNER,
            "--gateway",
            "http://127.0.0.1:9/gateway.do",
            "trade_no=1",
        ])),
        run(alipay().args(["sign", "--help"])),
    ];
    runs.push(run_with_stdin(
        alipay().args(["verify", "--key", SECRET]),
        b"notify_id=1&a=1&sign=00&sign_type=MD5",
    ));
    for out in &runs {
        assert!(!stdout(out).contains(SECRET), "stdout: {}", stdout(out));
        assert!(!stderr(out).contains(SECRET), "stderr: {}", stderr(out));
    }
}

// ---------------------------------------------------------------------------------------------
// verify

#[test]
fn verify_valid_md5_exits_0() {
    let out = run(alipay()
        .args([
            "verify",
            "--key",
            KEY,
            "--sign",
            SHIP_SIGN_UTF8,
            "_input_charset=utf-8",
        ])
        .args(&SHIP_PARAMS[..6]));
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "valid\n");
}

#[test]
fn verify_json_prints_the_verdict() {
    let out = run(alipay()
        .args(["verify", "--json", "--key", KEY, "--sign", SHIP_SIGN_UTF8])
        .arg("_input_charset=utf-8")
        .args(&SHIP_PARAMS[..6]));
    assert_code(&out, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["valid"], true);
    assert_eq!(value["string_to_sign"], SHIP_STRING_UTF8);

    let out = run_with_stdin(
        alipay().args(["verify", "--json", "--key", "another-key"]),
        NOTIFY_UTF8.as_bytes(),
    );
    assert_code(&out, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["valid"], false);
    assert_eq!(value["string_to_sign"], NOTIFY_STRING);
    assert!(value["error"].is_string(), "{value}");
}

#[test]
fn verify_takes_the_signature_from_a_sign_parameter() {
    let sign = format!("sign={SHIP_SIGN_GBK}");
    let out = run(alipay()
        .env("ALIPAY_KEY", KEY)
        .args([
            "verify",
            "--charset",
            "gbk",
            "_input_charset=gbk",
            "sign_type=MD5",
            &sign,
        ])
        .args(&SHIP_PARAMS[..6]));
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "valid\n");
}

#[test]
fn verify_invalid_exits_1_and_shows_the_expected_string() {
    // The UTF-8 signature checked as GBK: the bytes differ.
    let out = run(alipay()
        .args([
            "verify",
            "--key",
            KEY,
            "--charset",
            "gbk",
            "--sign",
            SHIP_SIGN_UTF8,
        ])
        .arg("_input_charset=utf-8")
        .args(&SHIP_PARAMS[..6]));
    assert_code(&out, 1);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("invalid signature"), "{all}");
    assert!(
        all.contains(&format!("expected to be signed: {SHIP_STRING_UTF8}")),
        "{all}"
    );
    // A declared sign_type other than the verifier's never verifies.
    let out = run(alipay()
        .args([
            "verify",
            "--key",
            KEY,
            "--sign",
            SHIP_SIGN_UTF8,
            "sign_type=RSA",
        ])
        .arg("_input_charset=utf-8")
        .args(&SHIP_PARAMS[..6]));
    assert_code(&out, 1);
}

#[test]
fn verify_rsa2_with_the_public_key_or_the_private_key() {
    for (flag, file) in [
        ("--public-key", "rsa2048_pub_spki.pem"),
        ("--public-key", "rsa2048_pub_pkcs1.pem"),
        ("--private-key", "rsa2048_pkcs8.pem"),
    ] {
        let out = run(alipay()
            .args(["verify", "--sign-type", "RSA2", "--sign", RSA2_SIGN, flag])
            .arg(key_file(file))
            .args(RSA_PARAMS));
        assert_code(&out, 0);
        // The SHA1withRSA signature is not a SHA256withRSA one.
        let out = run(alipay()
            .args(["verify", "--sign-type", "RSA2", "--sign", RSA_SIGN, flag])
            .arg(key_file(file))
            .args(RSA_PARAMS));
        assert_code(&out, 1);
        assert!(stdout(&out).contains(RSA_STRING));
    }
    let out = run(alipay()
        .env("ALIPAY_SIGN_TYPE", "RSA")
        .env("ALIPAY_PUBLIC_KEY", key_file("rsa2048_pub_spki.pem"))
        .args(["verify", "--sign", RSA_SIGN])
        .args(RSA_PARAMS));
    assert_code(&out, 0);
}

/// A notification built with Python's urllib and hashlib:
/// params = [('notify_time', '2013-10-22 18:52:56'), ('notify_type', 'trade_status_sync'),
///   ('notify_id', 'abc/def+1'), ('trade_no', '2013102226991504'),
///   ('trade_status', 'WAIT_BUYER_CONFIRM_GOODS'), ('subject', '二手 围巾'), ('buyer_email', '')]
/// s = '&'.join(f'{k}={v}' for k, v in sorted(p for p in params if p[1]))
/// sign = hashlib.md5((s + KEY).encode('utf-8')).hexdigest()
/// body = urllib.parse.urlencode(params + [('sign_type', 'MD5'), ('sign', sign)])
const NOTIFY_UTF8: &str = "notify_time=2013-10-22+18%3A52%3A56&notify_type=trade_status_sync\
    &notify_id=abc%2Fdef%2B1&trade_no=2013102226991504&trade_status=WAIT_BUYER_CONFIRM_GOODS\
    &subject=%E4%BA%8C%E6%89%8B+%E5%9B%B4%E5%B7%BE&buyer_email=&sign_type=MD5\
    &sign=da35d6364eb836e094036c6e96e65bf8";
const NOTIFY_STRING: &str = "notify_id=abc/def+1&notify_time=2013-10-22 18:52:56\
    &notify_type=trade_status_sync&subject=二手 围巾&trade_no=2013102226991504\
    &trade_status=WAIT_BUYER_CONFIRM_GOODS";

/// The same with ('_input_charset', 'gbk') added, encoded and signed in GBK
/// (`.encode('gbk')`, `urlencode(…, encoding='gbk')`).
const NOTIFY_GBK: &str = "notify_time=2013-10-22+18%3A52%3A56&notify_type=trade_status_sync\
    &notify_id=abc%2Fdef%2B1&trade_no=2013102226991504&trade_status=WAIT_BUYER_CONFIRM_GOODS\
    &subject=%B6%FE%CA%D6+%CE%A7%BD%ED&buyer_email=&_input_charset=gbk&sign_type=MD5\
    &sign=0021db949cbe6df2e3f82f7ebb68e6b4";

#[test]
fn verify_a_notification_on_stdin() {
    for body in [NOTIFY_UTF8, NOTIFY_GBK] {
        let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), body.as_bytes());
        assert_code(&out, 0);
        assert_eq!(stdout(&out), "valid\n");
        // With the newline `echo` adds.
        let out = run_with_stdin(
            alipay().env("ALIPAY_KEY", KEY).arg("verify"),
            format!("{body}\n").as_bytes(),
        );
        assert_code(&out, 0);
    }
}

#[test]
fn verify_a_tampered_notification_exits_1_with_the_expected_string() {
    let tampered = NOTIFY_UTF8.replace("WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED");
    let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), tampered.as_bytes());
    assert_code(&out, 1);
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("invalid signature"), "{all}");
    let expected = NOTIFY_STRING.replace("WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED");
    assert!(
        all.contains(&format!("expected to be signed: {expected}")),
        "{all}"
    );

    // Its sign_type must be the configured one.
    let out = run_with_stdin(
        alipay()
            .args(["verify", "--sign-type", "RSA2", "--public-key"])
            .arg(key_file("rsa2048_pub_spki.pem")),
        NOTIFY_UTF8.as_bytes(),
    );
    assert_code(&out, 1);
    // A body that is not a notification is not valid either.
    let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), b"a=1&sign=x");
    assert_code(&out, 1);
}

// ---------------------------------------------------------------------------------------------
// explain

#[test]
fn explain_a_known_code() {
    let out = run(alipay().args(["explain", "TRADE_STATUS_NOT_AVAILD"]));
    assert_code(&out, 0);
    let text = stdout(&out);
    for needle in [
        "TRADE_STATUS_NOT_AVAILD",
        "交易状态不合法",
        "query trade state",
        "Do not call again",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let out = run(alipay().args(["explain", "SYSTEM_ERROR"]));
    assert_code(&out, 0);
    assert!(stdout(&out).contains("kind: retry"), "{}", stdout(&out));
}

/// `--service`: the code as that service's error table says (its text, meaning and advice), a
/// code only the service knows, its whole table, and an unknown service.
#[test]
fn explain_a_code_as_a_service_says() {
    let out = run(alipay().args([
        "explain",
        "TRADE_STATUS_NOT_AVAILD",
        "--service",
        "close_trade",
    ]));
    assert_code(&out, 0);
    let text = stdout(&out);
    for needle in [
        "service: close_trade (as its error table says)",
        "TRADE_STATUS_NOT_AVAILD (交易状态不符合)",
        "TRADE_CLOSED means the",
        "kind: query trade state",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // The shipping service's own meaning of the same code.
    let out = run(alipay().args([
        "explain",
        "TRADE_STATUS_NOT_AVAILD",
        "--service",
        "send_goods_confirm_by_platform",
    ]));
    assert!(
        stdout(&out).contains("WAIT_SELLER_SEND_GOODS"),
        "{}",
        stdout(&out)
    );
    // Unknown to the shared table, known to close_trade's.
    let out = run(alipay().args(["explain", "ILLEGAL_CLIENT_IP"]));
    assert_code(&out, 1);
    let out = run(alipay().args(["explain", "ILLEGAL_CLIENT_IP", "--service", "close_trade"]));
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("客户端IP地址无权访问服务"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("kind: configuration"),
        "{}",
        stdout(&out)
    );
    // The whole table, in the document's order.
    let out = run(alipay().args(["explain", "--list", "--service", "close_trade"]));
    assert_code(&out, 0);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 32, "{lines:?}");
    assert!(lines[0].starts_with("TRADE_STATUS_NOT_AVAILD"));
    assert!(lines[31].starts_with("EXTERFACE_IS_CLOSED"));
    // An unknown service is a usage error.
    let out = run(alipay().args(["explain", "RETRY", "--service", "no_such_service"]));
    assert_code(&out, 64);
}

#[test]
fn explain_an_unknown_code() {
    let out = run(alipay().args(["explain", "NO_SUCH_CODE"]));
    assert_code(&out, 1);
    assert!(stderr(&out).contains("NO_SUCH_CODE"), "{}", stderr(&out));
    // Codes are case-sensitive; the upper-case one is suggested.
    let out = run(alipay().args(["explain", "illegal_sign"]));
    assert_code(&out, 1);
    assert!(stderr(&out).contains("ILLEGAL_SIGN"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// call, against a tiny gateway in this test

/// A one-thread HTTP/1.1 gateway on loopback: answers each request with `answer(target, body)`
/// and records the request targets.
struct TestGateway {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl TestGateway {
    fn start(answer: fn(&str) -> String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/gateway.do", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(target) = serve(stream, answer) {
                    seen.lock().expect("lock").push(target);
                }
            }
        });
        Self { url, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

/// Reads one request (head and `Content-Length` body), writes the answer, closes.
fn serve(stream: TcpStream, answer: fn(&str) -> String) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let target = request_line.split(' ').nth(1)?.to_owned();
    let xml = answer(&target);
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        xml.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(xml.as_bytes()).ok()?;
    Some(target)
}

/// The gateway's answers, chosen by the trade number queried.
fn trade_query_answer(target: &str) -> String {
    let error = |code: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>F</is_success>\
             <error>{code}</error></alipay>"
        )
    };
    // OTHER gets the answer about trade 2010073000030344: a replayed or substituted response.
    if target.contains("trade_no=2010073000030344") || target.contains("trade_no=OTHER") {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<alipay><is_success>T</is_success>\
         <request><param name=\"trade_no\">2010073000030344</param></request>\
         <response><trade><gmt_create>2010-07-30 10:30:20</gmt_create>\
         <trade_status>WAIT_SELLER_SEND_GOODS</trade_status><total_fee>100.40</total_fee>\
         <subject>二手围巾</subject><out_trade_no>2109095506028810</out_trade_no>\
         <trade_no>2010073000030344</trade_no></trade></response></alipay>"
            .to_owned()
    } else if target.contains("trade_no=SIGN") {
        error("ILLEGAL_SIGN")
    } else if target.contains("trade_no=STATE") {
        error("TRADE_STATUS_NOT_AVAILD")
    } else if target.contains("trade_no=FORGED") {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>\
         <response><trade><trade_no>FORGED</trade_no><trade_status>TRADE_FINISHED</trade_status>\
         </trade></response><sign>00000000000000000000000000000000</sign>\
         <sign_type>MD5</sign_type></alipay>"
            .to_owned()
    } else {
        "<html><body>not a gateway</body></html>".to_owned()
    }
}

fn call(gateway: &TestGateway) -> Command {
    let mut cmd = alipay();
    cmd.env("ALIPAY_GATEWAY", &gateway.url)
        .env("ALIPAY_PARTNER", PARTNER)
        .env("ALIPAY_KEY", KEY)
        .args(["call", "single_trade_query"]);
    cmd
}

#[test]
fn call_signs_sends_and_prints_the_typed_response_in_table_order() {
    let gateway = TestGateway::start(trade_query_answer);
    let out = run(call(&gateway).arg("trade_no=2010073000030344"));
    assert_code(&out, 0);
    let text = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "service": "single_trade_query",
            "is_success": "T",
            "response": {
                "trade_no": "2010073000030344",
                "out_trade_no": "2109095506028810",
                "subject": "二手围巾",
                "total_fee": "100.40",
                "trade_status": "WAIT_SELLER_SEND_GOODS",
                "gmt_create": "2010-07-30 10:30:20",
            }
        })
    );
    // Table order (the document's: trade_status, out_trade_no, trade_no, subject, gmt_create,
    // total_fee), not the order the gateway sent them in.
    let at = |field: &str| text.find(&format!("\"{field}\"")).expect(field);
    assert!(
        at("trade_status") < at("trade_no")
            && at("trade_no") < at("subject")
            && at("subject") < at("gmt_create"),
        "{text}"
    );

    // The request, signed as python3 computes it:
    // hashlib.md5(('_input_charset=utf-8&partner=2088002464631181&service=single_trade_query'
    //     '&trade_no=2010073000030344' + 'demo0000000000000000000000000000').encode()).hexdigest()
    let requests = gateway.requests();
    assert_eq!(
        requests,
        [
            "/gateway.do?_input_charset=utf-8&partner=2088002464631181&service=single_trade_query\
          &trade_no=2010073000030344&sign_type=MD5&sign=2a74ed00379e041d8ad53ea5c4aaea98"
        ]
    );
}

#[test]
fn call_flags_win_over_the_environment() {
    let gateway = TestGateway::start(trade_query_answer);
    let mut cmd = alipay();
    cmd.env("ALIPAY_GATEWAY", "http://127.0.0.1:9/gateway.do")
        .env("ALIPAY_PARTNER", "2088000000000000")
        .env("ALIPAY_KEY", "wrong")
        .args([
            "call",
            "--gateway",
            &gateway.url,
            "--partner",
            PARTNER,
            "--key",
            KEY,
        ])
        .args(["single_trade_query", "trade_no=2010073000030344"]);
    let out = run(&mut cmd);
    assert_code(&out, 0);
    assert!(gateway.requests()[0].ends_with("&sign=2a74ed00379e041d8ad53ea5c4aaea98"));
}

#[test]
fn call_service_error_exits_2_with_code_meaning_and_advice() {
    let gateway = TestGateway::start(trade_query_answer);
    let out = run(call(&gateway).arg("trade_no=STATE"));
    assert_code(&out, 2);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("error: TRADE_STATUS_NOT_AVAILD: "), "{err}");
    assert!(err.contains("Query the trade state"), "{err}");

    let out = run(call(&gateway).arg("trade_no=SIGN"));
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("error: ILLEGAL_SIGN: "), "{err}");
    // The exact string that was signed, never the key.
    assert!(
        err.contains(
            "_input_charset=utf-8&partner=2088002464631181&service=single_trade_query&trade_no=SIGN"
        ),
        "{err}"
    );
    assert!(!err.contains(KEY), "{err}");
}

#[test]
fn call_bad_responses_exit_70() {
    let gateway = TestGateway::start(trade_query_answer);
    let forged = run(call(&gateway).arg("trade_no=FORGED"));
    assert_code(&forged, 70);
    assert!(stderr(&forged).contains("forged"), "{}", stderr(&forged));
    let html = run(call(&gateway).arg("trade_no=HTML"));
    assert_code(&html, 70);
    assert!(stdout(&html).is_empty());
    // An answer about another trade than the one asked.
    let other = run(call(&gateway).arg("trade_no=OTHER"));
    assert_code(&other, 70);
    assert!(stdout(&other).is_empty());
    assert!(
        stderr(&other).contains("another trade_no"),
        "{}",
        stderr(&other)
    );
}

#[test]
fn call_unreachable_gateway_exits_69() {
    // A port that was just free: nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let out = run(alipay()
        .env("ALIPAY_PARTNER", PARTNER)
        .env("ALIPAY_KEY", KEY)
        .args([
            "call",
            "--gateway",
            &format!("http://127.0.0.1:{port}/gateway.do"),
        ])
        .args(["single_trade_query", "trade_no=1"]));
    assert_code(&out, 69);
    assert!(stderr(&out).contains("cannot connect"), "{}", stderr(&out));
}

#[test]
fn call_validation_errors_exit_1_before_anything_is_sent() {
    let gateway = TestGateway::start(trade_query_answer);
    let out = run(call(&gateway).args(["out_trade_no=", "color=red"]));
    assert_code(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains("single_trade_query: parameter `color`"),
        "{err}"
    );
    assert!(err.contains("trade_no"), "{err}");
    assert!(gateway.requests().is_empty());
    // Common parameters come from the configuration.
    let out = run(call(&gateway).args(["trade_no=1", "partner=2088000000000000"]));
    assert_code(&out, 64);
    assert!(stderr(&out).contains("--partner"), "{}", stderr(&out));
}

#[test]
fn call_needs_a_partner_and_an_https_gateway() {
    let out =
        run(alipay()
            .env("ALIPAY_KEY", KEY)
            .args(["call", "single_trade_query", "trade_no=1"]));
    assert_code(&out, 64);
    assert!(stderr(&out).contains("ALIPAY_PARTNER"), "{}", stderr(&out));
    let out = run(alipay()
        .env("ALIPAY_KEY", KEY)
        .env("ALIPAY_PARTNER", PARTNER)
        .env("ALIPAY_GATEWAY", "http://mapi.example.com/gateway.do")
        .args(["call", "single_trade_query", "trade_no=1"]));
    assert_code(&out, 64);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// A directory for one test, removed when the test ends.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("alipay-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// Standard base64 with padding (the signatures' encoding); a small decoder, so the test needs
/// no crate for it.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | u32::from(value(c));
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// sandbox, and call end to end against it

/// `alipay sandbox` as a child process, with what it printed.
#[cfg(all(unix, feature = "sandbox"))]
struct SandboxProcess {
    child: std::process::Child,
    /// The `export NAME=VALUE` lines, in order.
    exports: Vec<(String, String)>,
    /// Every line printed before the exports end.
    banner: Vec<String>,
    _stdout: BufReader<std::process::ChildStdout>,
}

#[cfg(all(unix, feature = "sandbox"))]
impl SandboxProcess {
    /// Starts `alipay sandbox ARGS` in directory `cwd`, and reads its banner.
    fn start(cwd: &std::path::Path, args: &[&std::ffi::OsStr]) -> Self {
        let mut child = alipay()
            .current_dir(cwd)
            .arg("sandbox")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn alipay sandbox");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (mut banner, mut exports) = (Vec::new(), Vec::new());
        loop {
            let mut line = String::new();
            if stdout.read_line(&mut line).expect("read the banner") == 0 {
                let _ = child.kill();
                let mut err = String::new();
                let _ = child
                    .stderr
                    .take()
                    .expect("stderr")
                    .read_to_string(&mut err);
                panic!("alipay sandbox exited early: {banner:?}\n{err}");
            }
            let line = line.trim_end().to_owned();
            if let Some((name, value)) =
                line.strip_prefix("export ").and_then(|l| l.split_once('='))
            {
                exports.push((name.to_owned(), value.to_owned()));
            }
            let done = line.starts_with("export ALIPAY_PUBLIC_KEY=");
            banner.push(line);
            if done {
                break;
            }
        }
        Self {
            child,
            exports,
            banner,
            _stdout: stdout,
        }
    }

    fn export(&self, name: &str) -> &str {
        self.exports
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{name} not exported: {:?}", self.banner))
    }

    /// `alipay` configured for the sandbox from its `export` lines.
    fn alipay(&self) -> Command {
        let mut cmd = alipay();
        for (name, value) in &self.exports {
            cmd.env(name, value);
        }
        cmd
    }

    /// The sandbox's admin API: a JSON request over plain HTTP/1.1; the status and the JSON body.
    fn admin(
        &self,
        method: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let gateway = self.export("ALIPAY_GATEWAY");
        let host = gateway
            .strip_prefix("http://")
            .and_then(|rest| rest.split('/').next())
            .expect("http://host:port/gateway.do");
        let mut stream = TcpStream::connect(host).expect("connect to the sandbox");
        let body = body.to_string();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send the admin request");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("read the admin answer");
        let status = answer
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status: {answer}"));
        let json = answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.trim())
            .filter(|b| !b.is_empty())
            .map(|b| serde_json::from_str(b).unwrap_or_else(|e| panic!("{e}: {b}")))
            .unwrap_or(serde_json::Value::Null);
        (status, json)
    }

    /// Ctrl-C: the sandbox stops and exits 0.
    fn interrupt(mut self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let status = self.child.wait().expect("wait for the sandbox");
        assert_eq!(status.code(), Some(0), "sandbox exit status");
    }
}

#[cfg(all(unix, feature = "sandbox"))]
impl Drop for SandboxProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The JSON `call` printed on success.
#[cfg(all(unix, feature = "sandbox"))]
fn call_json(out: &Output) -> serde_json::Value {
    assert_code(out, 0);
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn sandbox_prints_its_credentials_and_call_works_end_to_end() {
    let dir = temp_dir("sandbox");
    let state = dir.join("state").join("sandbox.db");
    let sandbox = SandboxProcess::start(&dir, &["--state".as_ref(), state.as_os_str()]);
    let partner = sandbox.export("ALIPAY_PARTNER").to_owned();
    assert!(
        partner.len() == 16 && partner.starts_with("2088"),
        "{partner}"
    );
    assert!(
        sandbox
            .export("ALIPAY_GATEWAY")
            .starts_with("http://127.0.0.1:")
    );
    assert_eq!(sandbox.export("ALIPAY_KEY").len(), 32);
    for (name, begin) in [
        ("ALIPAY_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----"),
        ("ALIPAY_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----"),
    ] {
        let path = PathBuf::from(sandbox.export(name));
        assert!(path.is_absolute() && path.starts_with(&*dir), "{path:?}");
        let pem = std::fs::read_to_string(&path).expect("PEM file");
        assert!(pem.starts_with(begin), "{name}: {pem}");
    }
    assert!(sandbox.banner.iter().any(|l| l.contains(&partner)));

    // A paid escrow trade, waiting to be shipped.
    let (status, trade) = sandbox.admin(
        "POST",
        "/admin/trades",
        &serde_json::json!({ "partner": partner, "out_trade_no": "order-1", "total_fee": "100.40" }),
    );
    assert_eq!(status, 201, "{trade}");
    let trade_no = trade["trade_no"].as_str().expect("trade_no").to_owned();
    let trade_arg = format!("trade_no={trade_no}");

    // MD5, configured from the exported variables only.
    let query = call_json(&run(sandbox.alipay().args([
        "call",
        "single_trade_query",
        &trade_arg,
    ])));
    assert_eq!(query["service"], "single_trade_query");
    assert_eq!(query["is_success"], "T");
    assert_eq!(query["response"]["trade_no"], trade_no.as_str());
    assert_eq!(query["response"]["out_trade_no"], "order-1");
    assert_eq!(query["response"]["total_fee"], "100.40");
    assert_eq!(query["response"]["trade_status"], "WAIT_SELLER_SEND_GOODS");

    let shipped = call_json(&run(sandbox.alipay().args([
        "call",
        "send_goods_confirm_by_platform",
        &trade_arg,
        "logistics_name=申通快递",
        "invoice_no=TS00000001212",
        "transport_type=EXPRESS",
    ])));
    assert_eq!(
        shipped["response"]["trade_status"],
        "WAIT_BUYER_CONFIRM_GOODS"
    );

    // RSA2 with the keys the sandbox wrote: requests signed with the merchant's private key,
    // responses verified with the sandbox's "Alipay" public key.
    let out = run(sandbox.alipay().env("ALIPAY_SIGN_TYPE", "RSA2").args([
        "call",
        "single_trade_query",
        &trade_arg,
    ]));
    let query = call_json(&out);
    assert_eq!(
        query["response"]["trade_status"],
        "WAIT_BUYER_CONFIRM_GOODS"
    );
    assert!(!stderr(&out).contains("not checked"), "{}", stderr(&out));

    // sns.create.goods.ws, for an SNS user registered through the admin API.
    let (status, _) = sandbox.admin(
        "POST",
        "/admin/sns_users",
        &serde_json::json!({
            "partner": partner,
            "sns_user_id": "id20111107434343",
            "key": "20110511EF39E0403F8F48EF8E02121C9824210F",
        }),
    );
    assert_eq!(status, 201);
    let goods_args = [
        "call",
        "sns.create.goods.ws",
        "notify_url=http://www.test.com/notify/alipay/interface.htm",
        "sns_user_id=id20111107434343",
        "key=20110511EF39E0403F8F48EF8E02121C9824210F",
        "outer_goods_id=id2011434535743854",
        "goods_name=二手围巾",
        "goods_info=8成新",
        "goods_fee=100.40",
        "goods_total_num=100",
        "buy_max_num=100",
        "flow_type=1",
        "flow_fee=11.50",
        "who_pay=2",
        "valid_date=15",
    ];
    let goods = call_json(&run(sandbox.alipay().args(goods_args)));
    assert_eq!(goods["response"]["outer_goods_id"], "id2011434535743854");
    assert_eq!(goods["response"]["goods_name"], "二手围巾");
    // The same goods again: a service error, exit 2, with its meaning.
    let again = run(sandbox.alipay().args(goods_args));
    assert_code(&again, 2);
    assert!(
        stderr(&again).contains("error: GOODS_EXISTS_ERROR: "),
        "{}",
        stderr(&again)
    );

    // Service errors: a trade that does not exist; a wrong key (the string signed is shown).
    let out =
        run(sandbox
            .alipay()
            .args(["call", "single_trade_query", "trade_no=2000000000000000"]));
    assert_code(&out, 2);
    assert!(stderr(&out).contains("TRADE_NOT_EXIST"), "{}", stderr(&out));
    let out = run(sandbox.alipay().args([
        "call",
        "--key",
        "0123456789abcdef0123456789abcdef",
        "single_trade_query",
        &trade_arg,
    ]));
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("error: ILLEGAL_SIGN: "), "{err}");
    assert!(
        err.contains(&format!(
            "_input_charset=utf-8&partner={partner}&service=single_trade_query&{trade_arg}"
        )),
        "{err}"
    );

    // `sign` and `verify` with the sandbox's key agree with what the sandbox accepted.
    let signed = run(sandbox.alipay().args(["sign", "--json", "a=1"]));
    let signed: serde_json::Value = serde_json::from_str(&stdout(&signed)).expect("JSON");
    let out = run(sandbox.alipay().args([
        "verify",
        "--sign",
        signed["sign"].as_str().expect("sign"),
        "a=1",
    ]));
    assert_code(&out, 0);

    sandbox.interrupt();

    // The state file keeps the first partner across restarts.
    let again = SandboxProcess::start(&dir, &["--state".as_ref(), state.as_os_str()]);
    assert_eq!(again.export("ALIPAY_PARTNER"), partner);
    again.interrupt();
}

#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn sandbox_without_state_writes_keys_to_the_current_directory() {
    use std::os::unix::fs::PermissionsExt;

    let dir = temp_dir("sandbox-cwd");
    let sandbox = SandboxProcess::start(&dir, &[]);
    // The keys go to ./alipay-sandbox-keys/ of the sandbox's working directory.
    let private = PathBuf::from(sandbox.export("ALIPAY_PRIVATE_KEY"));
    let expected = dir
        .join("alipay-sandbox-keys")
        .join("merchant-private-key.pem");
    assert_eq!(
        private.canonicalize().expect("key file"),
        expected.canonicalize().expect("key file")
    );
    let mode = std::fs::metadata(&private)
        .expect("key file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "private key readable by others: {mode:o}");
    sandbox.interrupt();
}

#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn sandbox_narrows_an_existing_private_key_file_before_writing_the_key() {
    use std::os::unix::fs::PermissionsExt;

    let dir = temp_dir("sandbox-narrow");
    let keys = dir.join("alipay-sandbox-keys");
    std::fs::create_dir_all(&keys).expect("keys directory");
    let private = keys.join("merchant-private-key.pem");
    std::fs::write(&private, "left over\n").expect("old key file");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let mode = std::fs::metadata(&private)
        .expect("key file")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "private key readable by others: {mode:o}");
    assert!(
        std::fs::read_to_string(&private)
            .expect("key file")
            .contains("PRIVATE KEY")
    );
    sandbox.interrupt();
}

/// `_input_charset` among the parameters decides the signed bytes; a `--charset` naming another
/// is refused; a failed verify says when the other charset would have verified.
#[test]
fn the_charset_follows_input_charset_and_verify_names_the_one_that_works() {
    // python3 -c "import hashlib; print(hashlib.md5('_input_charset=gbk&subject=二手围巾'.encode('gbk') + b'demo0000000000000000000000000000').hexdigest())"
    let out = run(alipay().args([
        "sign",
        "--key",
        KEY,
        "_input_charset=gbk",
        "subject=二手围巾",
    ]));
    assert_code(&out, 0);
    assert_eq!(
        stdout(&out).lines().last(),
        Some("e6319329e0fad6d6d1b7db96e03a1948")
    );
    let out = run(alipay().args([
        "sign",
        "--key",
        KEY,
        "--charset",
        "utf-8",
        "_input_charset=gbk",
        "a=1",
    ]));
    assert_code(&out, 64);
    assert!(
        stderr(&out).contains("_input_charset=gbk"),
        "{}",
        stderr(&out)
    );
    // The GBK signature of `subject=二手围巾`, checked as UTF-8 (the default): invalid, with a note.
    // python3 -c "import hashlib; print(hashlib.md5('subject=二手围巾'.encode('gbk') + b'demo0000000000000000000000000000').hexdigest())"
    let out = run(alipay().args([
        "verify",
        "--key",
        KEY,
        "--sign",
        "2180b87abc909f3eedfa6c9bb3eb8403",
        "subject=二手围巾",
    ]));
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("verifies over the string's bytes in gbk"),
        "{}",
        stderr(&out)
    );
    let out = run(alipay().args([
        "verify",
        "--key",
        KEY,
        "--charset",
        "gbk",
        "--sign",
        "2180b87abc909f3eedfa6c9bb3eb8403",
        "subject=二手围巾",
    ]));
    assert_code(&out, 0);
}

/// `alipay verify` reads a request on stdin too: a query string, a form body or a whole URL.
#[test]
fn verify_reads_a_request_on_stdin() {
    // python3 -c "import hashlib; print(hashlib.md5(b'_input_charset=utf-8&service=single_trade_query&trade_no=2010073000030344' + b'demo0000000000000000000000000000').hexdigest())"
    let query = "service=single_trade_query&trade_no=2010073000030344&_input_charset=utf-8\
                 &sign_type=MD5&sign=77ced0887d4aa7ad7ff9dc51861f42c4";
    for input in [
        query.to_owned(),
        format!("{query}\n"),
        format!("https://mapi.alipay.com/gateway.do?{query}"),
    ] {
        let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), input.as_bytes());
        assert_code(&out, 0);
        assert_eq!(stdout(&out), "valid\n", "{input}");
    }
    let tampered = query.replace("2010073000030344", "2010073000030345");
    let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), tampered.as_bytes());
    assert_code(&out, 1);
    assert!(
        stdout(&out).contains("trade_no=2010073000030345"),
        "{}",
        stdout(&out)
    );
    let unsigned = "service=single_trade_query&trade_no=1";
    let out = run_with_stdin(alipay().args(["verify", "--key", KEY]), unsigned.as_bytes());
    assert_code(&out, 1);
    assert!(stderr(&out).contains("no sign"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// spec import / scaffold

fn repo(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The SNS document's tables import to the rows of specs/sns.create.goods.ws.toml (names, types,
/// nullability, examples), every repair printed as a `guess:` line.
#[test]
fn spec_import_reads_the_vendor_document() {
    let out = run(alipay().args([
        "spec",
        "import",
        &repo("alipay-spec/tests/fixtures/sns.create.goods.ws.txt"),
    ]));
    assert_code(&out, 0);
    let imported = alipay_spec::Spec::from_toml(&stdout(&out)).unwrap();
    let spec = alipay_spec::Spec::load(repo("specs/sns.create.goods.ws.toml")).unwrap();
    type Columns = (String, Option<String>, Option<bool>, Option<String>);
    let columns = |rows: &[alipay_spec::Row]| -> Vec<Columns> {
        rows.iter()
            .map(|r| (r.name.clone(), r.ty.clone(), r.nullable, r.example.clone()))
            .collect()
    };
    assert_eq!(columns(&imported.request), columns(&spec.request));
    assert_eq!(columns(&imported.basic), columns(&spec.basic));
    assert_eq!(
        columns(&imported.response.as_ref().unwrap().fields),
        columns(&spec.response.as_ref().unwrap().fields)
    );
    let codes = |s: &alipay_spec::Spec| -> Vec<(String, Option<String>)> {
        s.errors
            .iter()
            .map(|e| (e.code.clone(), e.text.clone()))
            .collect()
    };
    assert_eq!(codes(&imported), codes(&spec));
    let err = stderr(&out);
    assert!(
        err.contains(r#"guess: line 35: request.outer_goods_id.name: read "outer_goods_i""#),
        "{err}"
    );
    assert!(
        err.lines().filter(|l| l.starts_with("guess: ")).count() >= 30,
        "{err}"
    );
    // A document without a parameter table is refused, naming the tables it has.
    let out = run(alipay().args([
        "spec",
        "import",
        &repo("alipay-spec/tests/fixtures/send_goods_confirm_by_platform.rules.txt"),
    ]));
    assert_code(&out, 1);
    assert!(stderr(&out).contains("业务术语"), "{}", stderr(&out));
}

#[test]
fn spec_scaffold_prints_the_declarations() {
    let out = run(alipay().args(["spec", "scaffold", &repo("specs/close_trade.toml")]));
    assert_code(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("pub struct CloseTrade"), "{text}");
    assert!(text.contains("service = \"close_trade\""), "{text}");
    assert!(
        text.contains("CodeSpec::new(\"ILLEGAL_CLIENT_IP\""),
        "{text}"
    );
    // For a crate depending on the facade by default; `--runtime` for one on alipay-core.
    assert!(
        text.contains("use alipay::Request;") && !text.contains("alipay_core"),
        "{text}"
    );
    let out = run(alipay().args([
        "spec",
        "scaffold",
        "--runtime",
        "alipay_core",
        &repo("specs/close_trade.toml"),
    ]));
    assert!(
        stdout(&out).contains("use alipay_core::Request;"),
        "{}",
        stdout(&out)
    );
    let out = run(alipay().args(["spec", "scaffold", "/no/such/spec.toml"]));
    assert_code(&out, 1);
}

#[test]
fn call_notify_verify_prints_the_plain_text_answer() {
    fn answer(target: &str) -> String {
        if target.contains("notify_id=RqPn%2Fvw%2BO") {
            "true".to_owned()
        } else if target.contains("notify_id=page") {
            "<html>maintenance</html>".to_owned()
        } else {
            "maybe".to_owned()
        }
    }
    let gateway = TestGateway::start(answer);
    let mut cmd = alipay();
    cmd.env("ALIPAY_GATEWAY", &gateway.url)
        .env("ALIPAY_PARTNER", PARTNER)
        .env("ALIPAY_KEY", KEY)
        .args(["call", "notify_verify", "notify_id=RqPn/vw+O"]);
    let out = run(&mut cmd);
    assert_code(&out, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({"service": "notify_verify", "answer": "true"})
    );
    assert!(!stderr(&out).contains("not signed"), "{}", stderr(&out));

    // Any other word is a bad response (exit 70) that shows what came back; a page in its place
    // is one too, said to be a page.
    for (id, shown) in [("other", "\"maybe\""), ("page", "HTML page")] {
        let mut cmd = alipay();
        cmd.env("ALIPAY_GATEWAY", &gateway.url)
            .env("ALIPAY_PARTNER", PARTNER)
            .env("ALIPAY_KEY", KEY)
            .args(["call", "notify_verify", &format!("notify_id={id}")]);
        let out = run(&mut cmd);
        assert_code(&out, 70);
        assert!(stderr(&out).contains(shown), "{}", stderr(&out));
    }
}

/// `alipay call` of face-to-face payment: a payment code pays (the nested answer's result code and
/// its fund bills as an array), a query of an unknown order answers `FAIL` with its detail code
/// (exit 0: the call itself succeeded), and a refund of the payment.
#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn call_pays_face_to_face_and_queries_and_refunds() {
    let dir = temp_dir("acquire");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let paid = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.createandpay",
        "out_trade_no=CLI-F2F-1",
        "subject=当面付",
        "product_code=BARCODE_PAY_OFFLINE",
        "total_fee=12.50",
        "dynamic_id_type=bar_code",
        "dynamic_id=286412345678901234",
    ])));
    let response = &paid["response"];
    assert_eq!(
        response["result_code"], "ORDER_SUCCESS_PAY_SUCCESS",
        "{paid}"
    );
    assert_eq!(response["fund_bill_list"][0]["amount"], "12.50", "{paid}");
    let unknown = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.query",
        "out_trade_no=CLI-F2F-NONE",
    ])));
    assert_eq!(unknown["response"]["result_code"], "FAIL");
    assert_eq!(unknown["response"]["detail_error_code"], "TRADE_NOT_EXIST");
    let refunded = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.refund",
        "out_trade_no=CLI-F2F-1",
        "out_request_no=R1",
        "refund_amount=2.50",
    ])));
    assert_eq!(refunded["response"]["result_code"], "SUCCESS", "{refunded}");
    assert_eq!(refunded["response"]["fund_change"], "Y");
    // A QR code for the buyer's phone; cancelled before anyone scans it, the trade closes.
    let shown = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.precreate",
        "out_trade_no=CLI-F2F-2",
        "subject=当面付",
        "total_fee=3.00",
    ])));
    assert_eq!(shown["response"]["result_code"], "SUCCESS", "{shown}");
    assert!(
        shown["response"]["qr_code"]
            .as_str()
            .is_some_and(|c| !c.is_empty()),
        "{shown}"
    );
    let cancelled = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.cancel",
        "out_trade_no=CLI-F2F-2",
    ])));
    assert_eq!(
        cancelled["response"]["result_code"], "SUCCESS",
        "{cancelled}"
    );
    let closed = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.query",
        "out_trade_no=CLI-F2F-2",
    ])));
    assert_eq!(
        closed["response"]["trade_status"], "TRADE_CLOSED",
        "{closed}"
    );
    // A refund of the closed trade is refused with its detail code.
    let refused = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.acquire.refund",
        "out_trade_no=CLI-F2F-2",
        "out_request_no=R1",
        "refund_amount=1.00",
    ])));
    assert_eq!(refused["response"]["result_code"], "FAIL", "{refused}");
    assert_eq!(refused["response"]["detail_error_code"], "TRADE_HAS_CLOSE");
}

/// `alipay call` of a merchant QR code: `biz_data` given as JSON text is read with its typed
/// fields (a missing one refused before sending, exit 1), and the code comes back.
#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn call_creates_a_merchant_qr_code_from_json_business_data() {
    let dir = temp_dir("qrcode");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let now = alipay_core::types::DateTime::now().to_string();
    let timestamp = format!("timestamp={now}");
    let data = r#"biz_data={"secondary_merchant_industry":"5812","secondary_merchant_id":"M_1","secondary_merchant_name":"Cafe","store_id":"S1","store_name":"Cafe","trans_currency":"USD","currency":"USD"}"#;
    let made = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.commerce.qrcode.create",
        &timestamp,
        "biz_type=OVERSEASHOPQRCODE",
        data,
    ])));
    let code = made["response"]["qrcode"].as_str().unwrap_or_default();
    assert!(code.starts_with("https://qr.alipay.com/"), "{made}");
    let missing = run(sandbox.alipay().args([
        "call",
        "alipay.commerce.qrcode.create",
        &timestamp,
        "biz_type=OVERSEASHOPQRCODE",
        r#"biz_data={"secondary_merchant_industry":"5812"}"#,
    ]));
    assert_code(&missing, 1);
    assert!(
        stderr(&missing).contains("missing field `secondary_merchant_id`"),
        "{}",
        stderr(&missing)
    );
    // The store's name changes; the secondary merchant cannot (ILLEGAL_ARGUMENT, exit 2).
    let qrcode = format!("qrcode={code}");
    let renamed = data.replace(r#""store_name":"Cafe""#, r#""store_name":"Cafe 2""#);
    let modified = call_json(&run(sandbox.alipay().args([
        "call",
        "alipay.commerce.qrcode.modify",
        &timestamp,
        "biz_type=OVERSEASHOPQRCODE",
        &qrcode,
        &renamed,
    ])));
    assert_eq!(modified["response"]["qrcode"], code, "{modified}");
    let moved = data.replace(
        r#""secondary_merchant_id":"M_1""#,
        r#""secondary_merchant_id":"M_2""#,
    );
    let refused = run(sandbox.alipay().args([
        "call",
        "alipay.commerce.qrcode.modify",
        &timestamp,
        "biz_type=OVERSEASHOPQRCODE",
        &qrcode,
        &moved,
    ]));
    assert_code(&refused, 2);
    assert!(
        stderr(&refused).contains("error: ILLEGAL_ARGUMENT: "),
        "{}",
        stderr(&refused)
    );
}

/// `alipay call account.page.query`: the account log's records as JSON, and a range starting in
/// the future refused with the service's code (exit 2).
#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn call_pages_through_the_account_log() {
    let dir = temp_dir("ledger");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let partner = sandbox.export("ALIPAY_PARTNER").to_owned();
    let (status, trade) = sandbox.admin(
        "POST",
        "/admin/trades",
        &serde_json::json!({ "partner": partner, "out_trade_no": "ledger-1", "total_fee": "10.00",
                             "kind": "instant", "status": "TRADE_SUCCESS" }),
    );
    assert_eq!(status, 201, "{trade}");
    let now = alipay_core::types::DateTime::now().to_offset_date_time();
    // `seconds` from now, as the service's time text.
    let at = |seconds: i64| {
        let by = std::time::Duration::from_secs(seconds.unsigned_abs());
        let t = if seconds < 0 { now - by } else { now + by };
        alipay_core::types::DateTime::from_offset_date_time(t)
            .unwrap()
            .to_string()
    };
    let start = format!("gmt_start_time={}", at(-3600));
    let end = format!("gmt_end_time={}", at(3600));
    let page = call_json(&run(sandbox.alipay().args([
        "call",
        "account.page.query",
        "page_no=1",
        &start,
        &end,
    ])));
    assert_eq!(page["service"], "account.page.query");
    let records = page["response"]["account_log_list"].as_array().unwrap();
    assert_eq!(records.len(), 2, "{page}");
    assert_eq!(records[1]["outcome"], "0.06");
    assert_eq!(records[1]["balance"], "9.94");
    assert_eq!(page["response"]["has_next_page"], "F");
    let text = page.to_string();
    // The payment and the fee (6‰ of 10.00), each a record of the log.
    for expected in ["交易付款", "交易服务费", "0.06", "9.94", "ledger-1"] {
        assert!(text.contains(expected), "{expected} not in {text}");
    }
    let future = format!("gmt_start_time={}", at(3600));
    let later = format!("gmt_end_time={}", at(7200));
    let refused =
        run(sandbox
            .alipay()
            .args(["call", "account.page.query", "page_no=1", &future, &later]));
    assert_code(&refused, 2);
    assert!(
        stderr(&refused).contains("START_DATE_AFTER_NOW"),
        "{}",
        stderr(&refused)
    );
}

/// `alipay call` of the password-less batch refund: `T` (the items' outcome is notified), then the
/// same batch number refused with Alipay's code (exit 2), and a batch whose `batch_num` is not its
/// item count refused before sending (exit 1, a request breaking its service's rules); and
/// `forex_refund` of a paid cross-border trade, then one over what is left (exit 2).
#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn call_refunds_a_batch_without_a_password_and_a_forex_trade() {
    let dir = temp_dir("nopwd");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let partner = sandbox.export("ALIPAY_PARTNER").to_owned();
    let (status, trade) = sandbox.admin(
        "POST",
        "/admin/trades",
        &serde_json::json!({ "partner": partner, "out_trade_no": "refund-1", "total_fee": "10.00",
                             "kind": "instant", "status": "TRADE_SUCCESS" }),
    );
    assert_eq!(status, 201, "{trade}");
    let trade_no = trade["trade_no"].as_str().expect("trade_no").to_owned();
    let now = alipay_core::types::DateTime::now().to_string();
    let batch_no = format!("batch_no={}001", now[..10].replace('-', ""));
    let refund_date = format!("refund_date={now}");
    let detail = format!("detail_data={trade_no}^2.50^协商退款");
    let args = [
        "call",
        "refund_fastpay_by_platform_nopwd",
        &batch_no,
        &refund_date,
        "batch_num=1",
        &detail,
    ];
    let done = call_json(&run(sandbox.alipay().args(args)));
    assert_eq!(done["service"], "refund_fastpay_by_platform_nopwd");
    assert_eq!(done["is_success"], "T");
    let again = run(sandbox.alipay().args(args));
    assert_code(&again, 2);
    assert!(
        stderr(&again).contains("DUPLICATE_BATCH_NO"),
        "{}",
        stderr(&again)
    );
    let miscounted = run(sandbox.alipay().args([
        "call",
        "refund_fastpay_by_platform_nopwd",
        &batch_no.replace("001", "002"),
        &refund_date,
        "batch_num=2",
        &detail,
    ]));
    assert_code(&miscounted, 1);
    assert!(
        stderr(&miscounted).contains("batch_num"),
        "{}",
        stderr(&miscounted)
    );

    // forex_refund of a paid cross-border trade: T, then more than is left (exit 2).
    let (status, forex) = sandbox.admin(
        "POST",
        "/admin/trades",
        &serde_json::json!({ "partner": partner, "out_trade_no": "forex-1", "total_fee": "10.00",
                             "kind": "forex", "status": "TRADE_FINISHED" }),
    );
    assert_eq!(status, 201, "{forex}");
    let gmt = format!("gmt_return={}", now.replace(['-', ' ', ':'], ""));
    let forex_args = |out_return_no: &'static str, amount: &'static str| {
        [
            "call".to_owned(),
            "forex_refund".to_owned(),
            format!("out_return_no={out_return_no}"),
            "out_trade_no=forex-1".to_owned(),
            format!("return_amount={amount}"),
            "currency=USD".to_owned(),
            gmt.clone(),
            "reason=product defect".to_owned(),
        ]
    };
    let done = call_json(&run(sandbox.alipay().args(forex_args("R-1", "4.00"))));
    assert_eq!(done["is_success"], "T");
    let over = run(sandbox.alipay().args(forex_args("R-2", "6.01")));
    assert_code(&over, 2);
    assert!(
        stderr(&over).contains("RETURN_AMOUNT_EXCEED"),
        "{}",
        stderr(&over)
    );
    sandbox.interrupt();
}

/// `alipay call` of a page service prints the URL for the browser (the sandbox shows the payer's
/// page at it), and refuses before printing a batch whose stated total is not the items' sum
/// (exit 1, naming the parameter); `query_timestamp` answers its key.
#[cfg(all(unix, feature = "sandbox"))]
#[test]
fn call_prints_a_page_service_s_url_and_refuses_a_wrong_total() {
    let dir = temp_dir("page-call");
    let sandbox = SandboxProcess::start(&dir, &[]);
    let day = alipay_core::types::DateTime::now().to_string()[..10].replace('-', "");
    let batch_no = format!("batch_no={day}0001");
    let pay_date = format!("pay_date={day}");
    let args = |fee: &'static str| {
        [
            "call",
            "batch_trans_notify",
            "account_name=沙箱商户",
            "email=payer@shop.example",
            "batch_num=1",
            fee,
            "detail_data=1^lisi@example.com^李四^1.00^工资",
        ]
    };
    let page = call_json(&run(sandbox
        .alipay()
        .args(args("batch_fee=1.00"))
        .args([&batch_no, &pay_date])));
    assert_eq!(page["kind"], "page", "{page}");
    let url = page["page_url"].as_str().unwrap_or_default();
    let gateway = sandbox.export("ALIPAY_GATEWAY");
    assert!(url.starts_with(&format!("{gateway}?")), "{url}");
    assert!(url.contains("service=batch_trans_notify"), "{url}");
    assert!(url.contains("&sign="), "{url}");
    let host = gateway
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .expect("http://host:port/gateway.do");
    let path = &url[url.find(host).map_or(0, |at| at + host.len())..];
    let mut stream = TcpStream::connect(host).expect("connect to the sandbox");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the page request");
    let mut shown = String::new();
    stream.read_to_string(&mut shown).expect("read the page");
    assert!(shown.starts_with("HTTP/1.1 200"), "{shown}");
    assert!(shown.contains("<form id=\"payout\""), "{shown}");

    let wrong = run(sandbox
        .alipay()
        .args(args("batch_fee=2.00"))
        .args([&batch_no, &pay_date]));
    assert_code(&wrong, 1);
    assert!(stdout(&wrong).is_empty());
    assert!(stderr(&wrong).contains("batch_fee"), "{}", stderr(&wrong));

    let key = call_json(&run(sandbox.alipay().args(["call", "query_timestamp"])));
    assert!(
        key["response"]["encrypt_key"]
            .as_str()
            .is_some_and(|k| !k.is_empty()),
        "{key}"
    );
}
