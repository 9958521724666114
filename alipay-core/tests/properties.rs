//! Property tests (proptest) over the protocol layer: the canonical string, sign → verify for every
//! sign type and both charsets, form encoding, amounts, and the envelope parser.
//!
//! Each property states the rule from docs/protocol.md independently of the implementation (e.g. the
//! canonical string is rebuilt here with a plain sort), so a property fails when the code and the
//! rule disagree.
#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use alipay_core::charset::Charset;
use alipay_core::sign::{Md5Key, PrivateKey, SignType, Signer, Verifier};
use alipay_core::types::Amount;
use alipay_core::{canonical, form, xml};
use proptest::prelude::*;

/// Parameter names: ASCII identifiers (as on the wire), sometimes the reserved ones.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z_][a-z0-9_]{0,11}",
        1 => Just("sign".to_owned()),
        1 => Just("sign_type".to_owned()),
    ]
}

/// Values: any Unicode, with spaces at the ends, separators, `%`, `+`, and empties.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[ a-z&=%+]{0,8}",
        1 => Just(String::new()),
        1 => Just(" padded ".to_owned()),
    ]
}

/// Text GBK can represent: ASCII and a pool of CJK and full-width characters.
fn gbk_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::char::range(' ', '~'),
            proptest::sample::select(vec![
                '二', '手', '围', '巾', '成', '新', '快', '递', '￥', '。', '中', '文'
            ]),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Distinct names with values.
fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map(name(), value(), 0..12)
        .prop_map(|m| m.into_iter().collect::<Vec<_>>())
        .prop_shuffle()
}

/// The rule of docs/protocol.md, written out: drop sign/sign_type and empty values, sort by name
/// (byte order), join raw values.
fn rule(params: &[(String, String)]) -> String {
    let mut kept: Vec<&(String, String)> = params
        .iter()
        .filter(|(k, v)| k != "sign" && k != "sign_type" && !v.is_empty())
        .collect();
    kept.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    kept.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

proptest! {
    #[test]
    fn canonical_string_follows_the_rule_in_any_order(p in params(), seed in any::<u64>()) {
        let s = canonical::signing_string(&p);
        prop_assert_eq!(&s, &rule(&p));
        // Order-independent.
        let mut shuffled = p.clone();
        let mut rng = seed;
        for i in (1..shuffled.len()).rev() {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (rng >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(canonical::signing_string(&shuffled), s.clone());
        // Never trims: every kept value appears verbatim.
        for (k, v) in &p {
            if k != "sign" && k != "sign_type" && !v.is_empty() {
                let pair = format!("{k}={v}");
                prop_assert!(s.contains(&pair));
            }
        }
    }

    #[test]
    fn form_encoding_round_trips_in_both_charsets(p in proptest::collection::vec(("[a-z_]{1,8}", gbk_text()), 0..10)) {
        for charset in [Charset::Utf8, Charset::Gbk] {
            let encoded = form::encode(&p, charset).unwrap();
            prop_assert!(encoded.is_ascii());
            let decoded = form::decode(encoded.as_bytes(), charset).unwrap();
            // Empty values are kept by the encoder as `name=`, and decoded back as empty.
            prop_assert_eq!(&decoded, &p);
        }
    }

    #[test]
    fn utf8_form_encoding_round_trips_any_unicode(p in proptest::collection::vec(("[a-z_]{1,8}", any::<String>()), 0..10)) {
        let encoded = form::encode(&p, Charset::Utf8).unwrap();
        prop_assert_eq!(form::decode(encoded.as_bytes(), Charset::Utf8).unwrap(), p);
    }

    #[test]
    fn plus_is_a_space_when_decoding(words in proptest::collection::vec("[a-z]{1,5}", 1..5)) {
        let body = format!("q={}", words.join("+"));
        let decoded = form::decode(body.as_bytes(), Charset::Utf8).unwrap();
        prop_assert_eq!(&decoded[0].1, &words.join(" "));
    }

    #[test]
    fn amounts_round_trip(fen in 0u64..=999_999_999_999) {
        let a = Amount::from_fen(fen);
        let text = a.to_string();
        prop_assert_eq!(text.parse::<Amount>().unwrap(), a);
        // Two decimals, always.
        prop_assert_eq!(text.split_once('.').map(|(_, d)| d.len()), Some(2));
        // One decimal means tens of fen.
        let one = format!("{}.{}", fen / 100, (fen % 100) / 10);
        prop_assert_eq!(one.parse::<Amount>().unwrap().fen(), fen / 10 * 10);
    }

    #[test]
    fn amounts_refuse_what_is_not_yuan(s in "[0-9.,+\\- e]{0,8}") {
        let ok = {
            let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
                && (s.contains('.') != frac.is_empty())
                && frac.len() <= 2
                && int.len() <= 12
        };
        prop_assert_eq!(s.parse::<Amount>().is_ok(), ok, "{:?}", s);
    }

    #[test]
    fn md5_sign_verify_round_trips_in_both_charsets(p in proptest::collection::vec(("[a-z_]{1,8}", gbk_text()), 1..8), key in "[a-z0-9]{32}") {
        check_round_trip(&p, &Signer::md5(Md5Key::new(key.clone())), &Verifier::md5(Md5Key::new(key)));
    }

    #[test]
    fn gbk_refuses_what_it_cannot_represent(prefix in gbk_text(), c in prop_oneof![Just('😀'), Just('\u{10000}'), Just('ᄀ'), Just('\u{1F600}')]) {
        let text = format!("{prefix}{c}");
        prop_assert!(Charset::Gbk.encode(&text).is_err());
        let err = alipay_core::request::prepare(&[("subject", text.as_str())], Charset::Gbk, &Signer::md5(Md5Key::new("k"))).unwrap_err();
        prop_assert!(err.to_string().contains("subject"), "{}", err);
    }
}

fn keys(file: &str) -> PrivateKey {
    let path = format!("{}/tests/fixtures/keys/{file}", env!("CARGO_MANIFEST_DIR"));
    PrivateKey::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn asymmetric() -> &'static [(Signer, Verifier)] {
    static PAIRS: OnceLock<Vec<(Signer, Verifier)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let rsa = keys("rsa2048_pkcs8.pem");
        let dsa = keys("dsa1024_pkcs8.pem");
        [
            (SignType::Rsa, &rsa),
            (SignType::Rsa2, &rsa),
            (SignType::Dsa, &dsa),
        ]
        .into_iter()
        .map(|(t, k)| {
            (
                Signer::new(t, k.clone()).unwrap(),
                Verifier::new(t, k.public_key()).unwrap(),
            )
        })
        .collect()
    })
}

/// Signs the parameters in `charset` and verifies: the right signature verifies, and so does
/// nothing else (a changed value, the other charset's bytes when they differ).
fn check_round_trip(p: &[(String, String)], signer: &Signer, verifier: &Verifier) {
    for charset in [Charset::Utf8, Charset::Gbk] {
        let signed = alipay_core::request::prepare(p, charset, signer).unwrap();
        let bytes = charset.encode(signed.string_to_sign()).unwrap();
        verifier.verify(&bytes, signed.sign()).unwrap();
        verifier
            .verify_typed(signer.sign_type().as_str(), &bytes, signed.sign())
            .unwrap();
        let mut tampered = bytes.to_vec();
        tampered.push(b'x');
        assert!(verifier.verify(&tampered, signed.sign()).is_err());
        // The signed string is the canonical string of what is sent.
        let sent = form::decode(signed.encoded().as_bytes(), charset).unwrap();
        assert_eq!(canonical::signing_string(&sent), signed.string_to_sign());
    }
}

proptest! {
    // Asymmetric signatures cost about a millisecond each: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn rsa_rsa2_dsa_sign_verify_round_trip(p in proptest::collection::vec(("[a-z_]{1,8}", gbk_text()), 1..6)) {
        for (signer, verifier) in asymmetric() {
            check_round_trip(&p, signer, verifier);
            // A notification signed with one type does not verify as another.
            let other = if signer.sign_type() == SignType::Md5 { "RSA" } else { "MD5" };
            let signed = alipay_core::request::prepare(&p, Charset::Utf8, signer).unwrap();
            prop_assert!(verifier.verify_typed(other, signed.string_to_sign().as_bytes(), signed.sign()).is_err());
        }
    }
}

/// XML-escapes text content.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text an XML 1.0 document can carry (no control characters but tab/newline, no CR, which XML
/// normalises).
fn xml_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        any::<char>().prop_filter("XML Char", |c| {
            matches!(*c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        }),
        1..16,
    )
    .prop_map(|c| c.into_iter().collect())
}

proptest! {
    #[test]
    fn generated_envelopes_parse_to_what_was_generated(
        request in proptest::collection::vec(("[a-z_]{1,10}", xml_text()), 0..6),
        element in "[a-zA-Z]{1,10}",
        fields in proptest::collection::btree_map("[a-z_]{1,10}", xml_text(), 0..10),
        sign in proptest::option::of("[A-Za-z0-9+/=]{8,40}"),
        success in any::<bool>(),
    ) {
        let fields: Vec<(String, String)> = fields.into_iter().collect();
        let mut doc = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay>");
        doc += if success { "<is_success>T</is_success>" } else { "<is_success>F</is_success><error>SYSTEM_ERROR</error>" };
        doc += "<request>";
        for (k, v) in &request {
            doc += &format!("<param name=\"{k}\">{}</param>", escape(v));
        }
        doc += &format!("</request><response><{element}>");
        for (k, v) in &fields {
            doc += &format!("<{k}>{}</{k}>", escape(v));
        }
        doc += &format!("</{element}></response>");
        if let Some(s) = &sign {
            doc += &format!("<sign>{s}</sign><sign_type>MD5</sign_type>");
        }
        doc += "</alipay>";

        let env = xml::parse(doc.as_bytes()).unwrap();
        prop_assert_eq!(env.is_success, success);
        prop_assert_eq!(env.error.is_some(), !success);
        let echo: Vec<(String, String)> = env.request.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        prop_assert_eq!(echo, request);
        let payload = env.response.unwrap();
        prop_assert_eq!(payload.name, element);
        let got: Vec<(String, String)> = payload.fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
        prop_assert_eq!(got, fields);
        prop_assert_eq!(env.sign, sign.clone());
        prop_assert_eq!(env.sign_type.is_some(), sign.is_some());
    }
}
