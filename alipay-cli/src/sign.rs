//! `alipay sign` and `alipay verify`.

use std::io::{IsTerminal, Read};
use std::path::Path;

use alipay_client::settings::{ENV_PRIVATE_KEY, Settings};
use alipay_core::Charset;
use alipay_core::canonical::SignedParams;
use alipay_core::charset::CharsetError;
use alipay_core::form;
use alipay_core::notify::{self, NotifyError, NotifyLimits};
use alipay_core::sign::{
    PrivateKey, SignError, SignParamsError, SignType, Signature, Verifier, VerifyError,
    VerifyParamsError, sign_params, verify_params,
};
use serde::Serialize;

use crate::cli::{SignArgs, VerifyArgs};
use crate::exit::{FAILURE, Failure};
use crate::params::{note_unsigned, unique_pairs};

/// `sign --json`.
#[derive(Serialize)]
struct SignOutput<'a> {
    string_to_sign: &'a str,
    sign: &'a str,
}

/// Prints the canonical string of the parameters (first line) and its signature (last line).
pub(crate) fn sign(args: &SignArgs) -> Result<(), Failure> {
    let settings = args.keys.settings().or(Settings::from_env());
    if settings.sign_type.is_none() && settings.key.is_none() && settings.private_key.is_some() {
        return Err(Failure::usage(
            "the sign type defaults to MD5, which signs with --key: pass --sign-type RSA, RSA2 \
             or DSA to sign with --private-key",
        ));
    }
    let signer = settings.signer()?;
    let pairs = unique_pairs(&args.params)?;
    note_unsigned(&pairs);
    let charset = charset_of(&pairs, &settings)?;
    let Signature {
        string_to_sign,
        sign,
    } = sign_params(&SignedParams::new(&pairs), charset, &signer).map_err(|e| match e {
        SignParamsError::Sign(e @ SignError::EmptyMd5Key) => Failure::usage(e),
        SignParamsError::Charset {
            param,
            charset,
            source,
        } => unencodable(&param, charset, &source),
        other => Failure::general(other),
    })?;
    if args.json {
        let output = SignOutput {
            string_to_sign: &string_to_sign,
            sign: &sign,
        };
        let json = serde_json::to_string(&output)
            .map_err(|e| Failure::general(format_args!("cannot write JSON: {e}")))?;
        println!("{json}");
    } else {
        println!("{string_to_sign}");
        println!("{sign}");
    }
    Ok(())
}

/// The charset the parameters are signed in: their `_input_charset` when they carry one (a
/// `--charset`/`ALIPAY_CHARSET` naming another is refused), else the settings' (UTF-8 by default).
fn charset_of(pairs: &[(String, String)], settings: &Settings) -> Result<Charset, Failure> {
    let Some((_, label)) = pairs.iter().find(|(k, _)| k == "_input_charset") else {
        return Ok(settings.charset()?);
    };
    let declared = Charset::from_label(label)
        .map_err(|e| Failure::usage(format_args!("_input_charset={label}: {e}")))?;
    if settings.charset.is_some() {
        let configured = settings.charset()?;
        if configured != declared {
            return Err(Failure::usage(format_args!(
                "--charset (or ALIPAY_CHARSET) is {configured} but the parameters say \
                 _input_charset={label}: the signed bytes are in the charset _input_charset names; \
                 drop one of them"
            )));
        }
    }
    Ok(declared)
}

/// A parameter the charset cannot encode: the signed bytes are the string in that charset.
fn unencodable(param: &str, charset: Charset, source: &CharsetError) -> Failure {
    Failure::general(format_args!("parameter {param:?}: {source}")).detail(format_args!(
        "hint: the signed bytes are the string encoded in {charset}; \
         use --charset utf-8, or remove the character"
    ))
}

/// Verifies a signature over parameters, or a whole notification read from stdin.
pub(crate) fn verify(args: &VerifyArgs) -> Result<(), Failure> {
    let flags = args.settings();
    let env = Settings::from_env();
    let merged = flags.clone().or(env.clone());
    let sign_type = merged.sign_type()?;
    let verifier = verifier(&flags, &env, &merged, sign_type)?;

    let from_params = args.params.iter().find(|p| p.name == "sign");
    let sign = match (&args.sign, from_params) {
        (Some(flag), Some(param)) if *flag != param.value => {
            return Err(Failure::usage(
                "--sign and the sign= parameter differ: pass the signature once",
            ));
        }
        (Some(s), _) => Some(s.clone()),
        (None, Some(param)) => Some(param.value.clone()),
        (None, None) => None,
    };
    let verdict = match sign {
        Some(_) if args.params.is_empty() => {
            return Err(Failure::usage(
                "--sign needs the signed parameters as NAME=VALUE arguments",
            ));
        }
        Some(sign) => {
            let pairs = unique_pairs(&args.params)?;
            // An explicit --charset is what is checked (a mismatch is what `verify` is for);
            // otherwise the parameters' _input_charset, else UTF-8.
            let charset = match merged.charset {
                Some(_) => merged.charset()?,
                None => charset_of(&pairs, &merged)?,
            };
            let declared = pairs
                .iter()
                .find(|(k, _)| k == "sign_type")
                .map(|(_, v)| v.as_str());
            let signed = SignedParams::new(&pairs);
            match verify_params(&signed, charset, &verifier, declared, &sign) {
                Ok(string) => Verdict::valid(string),
                Err(VerifyParamsError::Signature {
                    string_to_sign,
                    source,
                }) => {
                    let mut verdict = Verdict::of_signature(Err(source), string_to_sign, charset);
                    // Would the bytes of the other charset have verified? Say so.
                    let other = match charset {
                        Charset::Utf8 => Charset::Gbk,
                        Charset::Gbk => Charset::Utf8,
                    };
                    if verify_params(&signed, other, &verifier, declared, &sign).is_ok() {
                        verdict.details.push(format!(
                            "note: the signature verifies over the string's bytes in {other}: \
                             pass --charset {other} (or _input_charset={other})"
                        ));
                    }
                    verdict
                }
                Err(VerifyParamsError::Charset {
                    param,
                    charset,
                    source,
                }) => return Err(unencodable(&param, charset, &source)),
                Err(other) => return Err(Failure::general(other)),
            }
        }
        None if !args.params.is_empty() => {
            return Err(Failure::usage(
                "no signature to check: pass --sign S (or a sign=S parameter), \
                 or pipe a notification body on stdin with no parameters",
            ));
        }
        None => {
            let hint = match merged.charset {
                Some(_) => Some(merged.charset()?),
                None => None,
            };
            verify_notification(&verifier, hint)?
        }
    };
    verdict.report(args.json)
}

/// Decodes and verifies what stdin holds: a notification body (it has a `notify_id`), or a
/// request's query string or form body (a whole URL too: the part after `?`).
fn verify_notification(
    verifier: &Verifier,
    charset_hint: Option<Charset>,
) -> Result<Verdict, Failure> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        return Err(Failure::usage(
            "nothing to verify: pass --sign S with NAME=VALUE parameters, \
             or pipe a notification body or a request (query, form body or URL) on stdin \
             (alipay verify < body.txt)",
        ));
    }
    let limits = NotifyLimits::default();
    let mut body = Vec::new();
    // One byte past the limit is enough for decode_notification to refuse the body.
    (&mut stdin)
        .take(limits.max_body_bytes as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            Failure::general(format_args!("cannot read the notification on stdin: {e}"))
        })?;
    // A body saved with `echo` or an editor ends with a newline that Alipay never sent (a newline
    // inside a value is percent-encoded), so trailing line ends are not part of the form.
    while matches!(body.last(), Some(b'\n' | b'\r')) {
        body.pop();
    }
    // A pasted URL: the query after `?` (a form never has a `?` before its first `=`).
    if let Some(q) = body.iter().position(|&b| b == b'?')
        && !body[..q].contains(&b'=')
    {
        body.drain(..=q);
    }
    if let Ok(raw) = form::split(&body)
        && !raw.iter().any(|(k, _)| k == b"notify_id")
    {
        return Ok(verify_request(&raw, verifier, charset_hint));
    }
    let notification = match notify::decode_notification(&body, charset_hint, &limits) {
        Ok(n) => n,
        Err(e) => {
            return Ok(Verdict::invalid(
                "invalid notification",
                None,
                e.to_string(),
            ));
        }
    };
    Ok(
        match notify::verify_notification_signature(&notification, verifier) {
            Ok(()) => {
                eprintln!("{notification}");
                Verdict::valid(notification.signing_string())
            }
            Err(NotifyError::BadSignature {
                signing_string,
                charset,
                source,
            }) => Verdict::of_signature(Err(source), signing_string, charset),
            Err(e @ NotifyError::SignTypeMismatch { .. }) => {
                let hint = match notification.sign_type().map(str::parse::<SignType>) {
                    Some(Ok(t)) => format!(
                        "hint: if {t} is what this sender signs with, pass --sign-type {t} and its key"
                    ),
                    _ => "hint: the sign type is MD5, RSA, RSA2 or DSA".to_owned(),
                };
                let mut verdict = Verdict::invalid(
                    "invalid signature",
                    Some(notification.signing_string()),
                    e.to_string(),
                );
                verdict.details.push(hint);
                verdict
            }
            Err(e) => Verdict::invalid(
                "invalid signature",
                Some(notification.signing_string()),
                e.to_string(),
            ),
        },
    )
}

/// Verifies a request's parameters (every one but `sign`/`sign_type`, in the charset its
/// `_input_charset` declares, else the hint, else UTF-8).
fn verify_request(raw: &form::RawPairs, verifier: &Verifier, hint: Option<Charset>) -> Verdict {
    let charset = match form::declared_charset(raw) {
        Ok(declared) => declared.or(hint).unwrap_or_default(),
        Err(e) => return Verdict::invalid("invalid request", None, e.to_string()),
    };
    let pairs = match form::decode_pairs(raw, charset) {
        Ok(pairs) => pairs,
        Err(e) => return Verdict::invalid("invalid request", None, e.to_string()),
    };
    let mut names = std::collections::HashSet::new();
    if let Some((name, _)) = pairs.iter().find(|(k, _)| !names.insert(k.as_str())) {
        return Verdict::invalid(
            "invalid request",
            None,
            format!("parameter {name:?} appears more than once"),
        );
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let Some(sign) = get("sign").filter(|s| !s.is_empty()) else {
        return Verdict::invalid(
            "invalid request",
            None,
            "no sign parameter: nothing to verify".to_owned(),
        );
    };
    let signed = SignedParams::new(&pairs);
    match verify_params(&signed, charset, verifier, get("sign_type"), sign) {
        Ok(string) => Verdict::valid(string),
        Err(VerifyParamsError::Signature {
            string_to_sign,
            source,
        }) => Verdict::of_signature(Err(source), string_to_sign, charset),
        Err(e) => Verdict::invalid("invalid signature", None, e.to_string()),
    }
}

/// The outcome of `verify`.
struct Verdict {
    /// Whether the signature is valid.
    valid: bool,
    /// `invalid signature` or `invalid notification` when not valid.
    headline: &'static str,
    /// The string that was (expected to be) signed, when known.
    string_to_sign: Option<String>,
    /// Why it is not valid.
    reason: Option<String>,
    /// Lines printed after the reason on stderr.
    details: Vec<String>,
}

/// `verify --json`.
#[derive(Serialize)]
struct VerdictJson<'a> {
    valid: bool,
    string_to_sign: Option<&'a str>,
    error: Option<&'a str>,
}

impl Verdict {
    fn valid(string_to_sign: String) -> Self {
        Self {
            valid: true,
            headline: "valid",
            string_to_sign: Some(string_to_sign),
            reason: None,
            details: Vec::new(),
        }
    }

    fn invalid(headline: &'static str, string_to_sign: Option<String>, reason: String) -> Self {
        Self {
            valid: false,
            headline,
            string_to_sign,
            reason: Some(reason),
            details: Vec::new(),
        }
    }

    fn of_signature(
        result: Result<(), VerifyError>,
        string_to_sign: String,
        charset: Charset,
    ) -> Self {
        match result {
            Ok(()) => Self::valid(string_to_sign),
            Err(e) => {
                let mut verdict =
                    Self::invalid("invalid signature", Some(string_to_sign), e.to_string());
                if charset == Charset::Gbk {
                    verdict
                        .details
                        .push("note: the string's bytes were taken in gbk".to_owned());
                }
                verdict
            }
        }
    }

    /// Prints the verdict: `valid`, or the headline and the string that was expected to be
    /// signed on stdout (one JSON object with `--json`), the reason on stderr. Invalid is exit 1.
    fn report(self, json: bool) -> Result<(), Failure> {
        if json {
            let output = VerdictJson {
                valid: self.valid,
                string_to_sign: self.string_to_sign.as_deref(),
                error: self.reason.as_deref(),
            };
            let text = serde_json::to_string(&output)
                .map_err(|e| Failure::general(format_args!("cannot write JSON: {e}")))?;
            println!("{text}");
        } else {
            println!("{}", self.headline);
            if let (false, Some(string)) = (self.valid, &self.string_to_sign) {
                println!("expected to be signed: {string}");
            }
        }
        match self.reason {
            None => Ok(()),
            Some(reason) => Err(self
                .details
                .into_iter()
                .fold(Failure::new(FAILURE, reason), Failure::detail)),
        }
    }
}

/// The key to verify with: the MD5 key, or for RSA, RSA2 and DSA the first of `--public-key`,
/// `--private-key` (its public half), `ALIPAY_PUBLIC_KEY`, `ALIPAY_PRIVATE_KEY`. A flag wins over
/// every variable, so a key on the command line is never overridden by the environment.
fn verifier(
    flags: &Settings,
    env: &Settings,
    merged: &Settings,
    sign_type: SignType,
) -> Result<Verifier, Failure> {
    if sign_type == SignType::Md5 {
        // As `sign` does: an empty key is a usage error (64), not an "invalid signature" (1).
        if merged.key.as_deref().is_some_and(|k| k.trim().is_empty()) {
            return Err(Failure::usage(
                "the MD5 key is empty: pass the partner's key with --key or ALIPAY_KEY",
            ));
        }
        return merged
            .verifier()?
            .ok_or_else(|| Failure::usage("missing the MD5 key: pass --key or set ALIPAY_KEY"));
    }
    for (source, private_flag) in [(flags, "--private-key"), (env, ENV_PRIVATE_KEY)] {
        if source.public_key.is_some() {
            // The settings' own reading of a public key file (errors name the file, not its text).
            let only_public = Settings {
                sign_type: Some(sign_type.as_str().to_owned()),
                public_key: source.public_key.clone(),
                ..Settings::default()
            };
            if let Some(verifier) = only_public.verifier()? {
                return Ok(verifier);
            }
        }
        if let Some(path) = &source.private_key {
            let key = read_private_key(path, private_flag)?;
            return Verifier::new(sign_type, key.public_key())
                .map_err(|e| Failure::usage(format_args!("{private_flag}: {e}")));
        }
    }
    Err(Failure::usage(format_args!(
        "missing the key to verify {sign_type} signatures with: pass --public-key FILE \
         (or --private-key FILE) or set ALIPAY_PUBLIC_KEY"
    )))
}

/// Reads and parses a private key file; errors name the file, never its content.
fn read_private_key(path: &Path, flag: &str) -> Result<PrivateKey, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format_args!("{flag}: cannot read {}: {e}", path.display())))?;
    PrivateKey::parse(&text)
        .map_err(|e| Failure::usage(format_args!("{flag}: {}: {e}", path.display())))
}
