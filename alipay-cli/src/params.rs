//! `NAME=VALUE` arguments.

use std::collections::HashSet;

use crate::exit::Failure;

/// One `NAME=VALUE` argument, split at the first `=`: the value is everything after it, verbatim
/// (it may contain `=`, `&`, spaces; it may be empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Param {
    /// The parameter's name.
    pub(crate) name: String,
    /// The raw value (never trimmed or decoded).
    pub(crate) value: String,
}

/// clap's value parser for `NAME=VALUE`.
pub(crate) fn parse_param(arg: &str) -> Result<Param, String> {
    match arg.split_once('=') {
        Some(("", _)) => Err("the parameter name is empty: expected NAME=VALUE".to_owned()),
        Some((name, value)) => Ok(Param {
            name: name.to_owned(),
            value: value.to_owned(),
        }),
        None => Err("expected NAME=VALUE (the value may be empty: NAME=)".to_owned()),
    }
}

/// The parameters as `(name, value)` pairs; a name given twice is a usage error (a request carries
/// each parameter once, and which value would be signed is then anyone's guess).
pub(crate) fn unique_pairs(params: &[Param]) -> Result<Vec<(String, String)>, Failure> {
    let mut seen = HashSet::with_capacity(params.len());
    for p in params {
        if !seen.insert(p.name.as_str()) {
            return Err(Failure::usage(format_args!(
                "parameter {:?} is given more than once: pass each parameter once",
                p.name
            )));
        }
    }
    Ok(params
        .iter()
        .map(|p| (p.name.clone(), p.value.clone()))
        .collect())
}

/// Notes on stderr about parameters the signing rule leaves out, so nobody wonders why a
/// `sign=` or an empty value made no difference.
pub(crate) fn note_unsigned(pairs: &[(String, String)]) {
    for (name, value) in pairs {
        if alipay_core::canonical::is_signature_param(name) {
            eprintln!("note: {name} is never part of the signed string; ignored");
        } else if value.is_empty() {
            eprintln!("note: {name} is empty; empty values are neither signed nor sent");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_equals_sign() {
        assert_eq!(
            parse_param("q=a=b&c d"),
            Ok(Param {
                name: "q".into(),
                value: "a=b&c d".into()
            })
        );
        assert_eq!(
            parse_param("e="),
            Ok(Param {
                name: "e".into(),
                value: String::new()
            })
        );
        assert!(parse_param("=v").is_err());
        assert!(parse_param("novalue").is_err());
    }
}
