//! Checks the written declaration and builds the model the back ends read.
//!
//! Every check records its error in the [`Ctxt`] and carries on, so one compile reports all of
//! them. Cross-field rules are declarative, so the fields they name are proven to exist here.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

use super::ast::{Container, ContainerAttrs, Field, Kind};
use super::attr::{Method, RelOp};
use super::ctxt::Ctxt;
use super::spec::{Loaded, Row, Which};

/// Parameters every request carries, added by the runtime.
pub(crate) const COMMON_PARAMS: &[&str] =
    &["service", "partner", "_input_charset", "sign_type", "sign"];

/// The signed common parameters, merged into the business parameters' byte order at compile time.
pub(crate) const SIGNED_COMMON: &[&str] = &["_input_charset", "partner", "service"];

/// A checked wire literal (an example or a condition value), ready to be emitted.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// Free text.
    Text,
    /// Decimal digits of an integer in range for the field's type.
    Int(String),
    /// An amount, in fen.
    Amount(u64),
    /// Milliseconds since the epoch.
    Millis(u64),
    /// An http(s) URL.
    Url,
    /// A value of a type the derive does not know: checked by a const assertion.
    Other,
}

/// A checked literal with its source token.
pub(crate) struct Checked {
    pub(crate) lit: LitStr,
    pub(crate) value: Value,
}

/// A checked field: a request parameter or a response child element.
pub(crate) struct Param<'a> {
    pub(crate) field: &'a Field<'a>,
    pub(crate) wire: String,
    pub(crate) label: String,
    pub(crate) ty_text: String,
    pub(crate) max_len: Option<usize>,
    pub(crate) example: Option<Checked>,
    pub(crate) secret: bool,
    pub(crate) note: String,
}

/// `required_if`, resolved to field indices.
pub(crate) struct RequiredIf {
    pub(crate) when: usize,
    pub(crate) values: Vec<Checked>,
    pub(crate) targets: Vec<(usize, bool)>,
}

/// `relation(a <= b)`, resolved to field indices.
pub(crate) struct Relation {
    pub(crate) left: usize,
    pub(crate) op: RelOp,
    pub(crate) right: usize,
    pub(crate) tokens: TokenStream,
}

/// `count(n = list)` / `total(sum = list.field)`, resolved to field indices.
pub(crate) struct Tally {
    pub(crate) stated: usize,
    pub(crate) list: usize,
    /// For `total`: the items' field.
    pub(crate) field: Option<Ident>,
    pub(crate) tokens: TokenStream,
}

/// A checked `#[derive(Request)]`.
pub(crate) struct Request<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) service: String,
    pub(crate) response: syn::Type,
    pub(crate) method: Method,
    pub(crate) repeat: Option<crate::internals::attr::Repeat>,
    /// `identifies(..)`: field indices.
    pub(crate) identifies: Vec<usize>,
    /// `error_codes = PATH`.
    pub(crate) error_codes: Option<syn::Path>,
    /// `page`: a page service.
    pub(crate) page: bool,
    /// With `spec = "…"`: the error table read from the spec (when `error_codes` is not given),
    /// and the code that makes the file a build input.
    pub(crate) spec_errors: Option<Vec<CodeRow>>,
    pub(crate) spec_track: Option<TokenStream>,
    /// `#[derive(Notification)]`: `Some(true)` for a return table, `Some(false)` for a
    /// notification table (the struct is read from received parameters only).
    pub(crate) notification: Option<bool>,
    pub(crate) params: Vec<Param<'a>>,
    pub(crate) one_of: Vec<Vec<usize>>,
    pub(crate) required_if: Vec<RequiredIf>,
    pub(crate) relations: Vec<Relation>,
    pub(crate) tallies: Vec<Tally>,
    pub(crate) custom: Vec<syn::Path>,
}

/// A checked `#[derive(Response)]`.
pub(crate) struct Response<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) element: String,
    pub(crate) fields: Vec<Param<'a>>,
}

/// Checks `text` against what the derive knows of `kind`; `Err` says what to write instead.
pub(crate) fn check_wire_text(kind: Kind, text: &str) -> Result<Value, String> {
    match kind {
        Kind::Text | Kind::Other => Ok(if kind == Kind::Text {
            Value::Text
        } else {
            Value::Other
        }),
        Kind::Int(name) => check_int(name, text).map(Value::Int),
        Kind::Amount => parse_amount(text).map(Value::Amount).ok_or_else(|| {
            "an `Amount` is yuan with at most two decimals, e.g. \"100.40\" or \"5\"".to_owned()
        }),
        Kind::Millis => {
            if text.len() == 13 && text.bytes().all(|b| b.is_ascii_digit()) {
                text.parse().map(Value::Millis).map_err(|e| e.to_string())
            } else {
                Err("a `TimestampMillis` is 13 digits of milliseconds, e.g. \"1309437333420\"".to_owned())
            }
        }
        Kind::Url => check_url(text).map(|()| Value::Url).map_err(|why| {
            format!("an `HttpUrl` is an absolute http:// or https:// URL ({why}), e.g. \"https://example.com/notify\"")
        }),
    }
}

/// The rules of `alipay_core::types::HttpUrl` (kept identical, so an example the derive accepts
/// always parses at run time).
fn check_url(s: &str) -> Result<(), &'static str> {
    fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
        let head = s.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| &s[prefix.len()..])
    }
    fn is_host_name(host: &str) -> bool {
        let host = host.strip_suffix('.').unwrap_or(host);
        !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.chars().all(|c| {
                        c.is_ascii_alphanumeric()
                            || matches!(c, '-' | '_' | '~')
                            || (!c.is_ascii() && c.is_alphanumeric())
                    })
            })
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("no spaces or control characters");
    }
    let rest = strip_prefix_ignore_case(s, "http://")
        .or_else(|| strip_prefix_ignore_case(s, "https://"))
        .ok_or("it must start with http:// or https://")?;
    let authority = match rest.find(['/', '?', '#']) {
        Some(end) => &rest[..end],
        None => rest,
    };
    if authority.contains('@') {
        return Err("no user information");
    }
    let port = if let Some(bracketed) = authority.strip_prefix('[') {
        let (ip, after) = bracketed.split_once(']').ok_or("bad host")?;
        let ip_ok = ip.contains(':')
            && ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !ip_ok {
            return Err("bad host");
        }
        match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or("bad host")?),
        }
    } else {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if !is_host_name(host) {
            return Err("it must name a host");
        }
        port
    };
    if let Some(port) = port {
        let valid = (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !valid {
            return Err("the port is a number from 1 to 65535");
        }
    }
    Ok(())
}

/// `u32`/`u64` examples: ASCII digits in range. Leading zeros are refused (the runtime would
/// accept them but write the number back without them, so the sample would not match the wire).
fn check_int(name: &str, text: &str) -> Result<String, String> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    let in_range = match name {
        "u32" => text.parse::<u32>().is_ok(),
        _ => text.parse::<u64>().is_ok(),
    };
    if canonical && in_range {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "a `{name}` is plain ASCII digits without sign or leading zeros, at most {}, e.g. \"100\"",
            if name == "u32" {
                u64::from(u32::MAX)
            } else {
                u64::MAX
            }
        ))
    }
}

/// Yuan with at most two decimals → fen. Mirrors `Amount`'s wire parser.
pub(crate) fn parse_amount(text: &str) -> Option<u64> {
    let (yuan, frac) = match text.split_once('.') {
        Some((y, f)) => (y, Some(f)),
        None => (text, None),
    };
    if yuan.is_empty() || !yuan.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut fen = yuan.parse::<u64>().ok()?.checked_mul(100)?;
    if let Some(frac) = frac {
        if frac.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let f: u64 = frac.parse().ok()?;
        fen = fen.checked_add(if frac.len() == 1 { f * 10 } else { f })?;
    }
    Some(fen)
}

/// Parses the 类型(精度) column: `String(128)` and `URL(200)` → a length in characters;
/// `Number(9,2)` (precision, scale) and other words are metadata only.
fn parse_ty_column(cx: &Ctxt, lit: &LitStr) -> Option<usize> {
    let text = lit.value();
    let malformed = || {
        cx.error_spanned_by(
            lit,
            format!(
                "malformed type column {text:?}: write `String(N)` with N a positive length in characters, e.g. `ty = \"String(128)\"`"
            ),
        );
        None
    };
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed != text {
        return malformed();
    }
    let Some(rest) = text
        .strip_prefix("String")
        .or_else(|| text.strip_prefix("URL"))
    else {
        // `Number(9,2)`: precision and scale, metadata (an `Amount` has its own rules).
        if let Some(args) = text
            .strip_prefix("Number(")
            .and_then(|r| r.strip_suffix(')'))
            && args
                .split(',')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            && args.split(',').count() <= 2
        {
            return None;
        }
        // Another column type (`Number`, `Date`, …): metadata only.
        if text.contains(['(', ')']) {
            cx.error_spanned_by(
                lit,
                format!(
                    "a length applies to `String` and `URL` columns only (and `Number` takes a precision and scale, `Number(9,2)`): write `String(N)` or drop the `(…)` from {text:?}"
                ),
            );
        }
        return None;
    };
    if rest.is_empty() {
        return None;
    }
    let Some(n) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return malformed();
    };
    let canonical = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
    match n.parse::<usize>() {
        Ok(n) if canonical => Some(n),
        _ => malformed(),
    }
}

fn type_name(ty: &syn::Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" :: ", "::")
}

/// Checks one field's own attributes (shared by the derives). With a spec file
/// (`spec = "…"`), a column the field does not declare (label, type, example, note) is the spec
/// row's: the table is written once, in the spec.
fn check_field<'a>(
    cx: &Ctxt,
    field: &'a Field<'a>,
    spec: Option<&super::spec::Loaded>,
) -> Param<'a> {
    let mut filled;
    let mut attrs = &field.attrs;
    let wire = match &attrs.name {
        Some(name) => {
            let v = name.value();
            if v.is_empty()
                || v.chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "&=<>\"'".contains(c))
            {
                cx.error_spanned_by(
                    name,
                    "a wire name is a non-empty name without spaces, `&`, `=`, quotes or angle brackets, e.g. `name = \"goods_id\"`",
                );
            }
            v
        }
        None => field.unraw.clone(),
    };
    if let Some(row) = spec.and_then(|s| s.row(&wire)) {
        let span = field.member.span();
        let lit = |text: &str| LitStr::new(text, span);
        filled = field.attrs.clone();
        if filled.label.is_none() {
            filled.label = row.label.as_deref().map(lit);
        }
        if filled.ty.is_none() {
            filled.ty = row.ty.as_deref().map(lit);
        }
        if filled.example.is_none() {
            filled.example = row.example.as_deref().map(lit);
        }
        if filled.doc.is_empty() {
            filled.doc = row.note.clone().unwrap_or_default();
        }
        attrs = &filled;
    }
    let mut max_len = attrs.ty.as_ref().and_then(|lit| parse_ty_column(cx, lit));
    if let Some(lit) = &attrs.max_len {
        match lit.base10_parse::<usize>() {
            Ok(n) if n > 0 => {
                if field.kind != Kind::Text {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "`max_len` bounds free text, but `{}` is a `{}` whose format its type checks; if the spec table bounds its wire text, give the column instead: `ty = \"String({n})\"`",
                            field.unraw,
                            type_name(field.inner),
                        ),
                    );
                } else if max_len.is_some() {
                    cx.error_spanned_by(
                        lit,
                        "the length is already given by `ty = \"String(N)\"`: remove `max_len`",
                    );
                } else {
                    max_len = Some(n);
                }
            }
            _ => cx.error_spanned_by(
                lit,
                "`max_len` is a positive number of characters, e.g. `max_len = 64`",
            ),
        }
    }
    let example = attrs.example.as_ref().and_then(|lit| {
        let text = lit.value();
        if text.is_empty() {
            cx.error_spanned_by(
                lit,
                "an example is a non-empty wire value: copy it from the 样例 column, or remove `example`",
            );
            return None;
        }
        if let Some(max) = max_len {
            let n = text.chars().count();
            if n > max {
                cx.error_spanned_by(
                    lit,
                    format!("this example is {n} characters long, but the column allows at most {max}"),
                );
            }
        }
        match check_wire_text(field.kind, &text) {
            Ok(value) => Some(Checked {
                lit: lit.clone(),
                value,
            }),
            Err(what) => {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "example {text:?} does not parse as `{}`: {what}",
                        type_name(field.inner)
                    ),
                );
                None
            }
        }
    });
    Param {
        field,
        wire,
        label: attrs.label.as_ref().map(LitStr::value).unwrap_or_default(),
        ty_text: attrs.ty.as_ref().map(LitStr::value).unwrap_or_default(),
        max_len,
        example,
        secret: attrs.secret.is_some(),
        note: attrs.doc.clone(),
    }
}

fn check_unique_wire_names(cx: &Ctxt, params: &[Param], what: &str) {
    for (i, p) in params.iter().enumerate() {
        if let Some(first) = params[..i].iter().find(|q| q.wire == p.wire) {
            cx.error_spanned_by(
                wire_tokens(p),
                format!(
                    "{what} `{}` is already declared by field `{}`: each wire name may appear once",
                    p.wire, first.field.unraw
                ),
            );
        }
    }
}

/// The tokens to blame for a field's wire name: its `name = "…"` if given, else the field name.
fn wire_tokens(p: &Param) -> TokenStream {
    match &p.field.attrs.name {
        Some(lit) => quote::ToTokens::to_token_stream(lit),
        None => quote::ToTokens::to_token_stream(p.field.member),
    }
}

/// Resolves a rule's field name; reports the fields that exist when it does not.
fn find(cx: &Ctxt, params: &[Param], name: &Ident, rule: &str) -> Option<usize> {
    let wanted = syn::ext::IdentExt::unraw(name).to_string();
    let found = params.iter().position(|p| p.field.unraw == wanted);
    if found.is_none() {
        let names: Vec<&str> = params.iter().map(|p| p.field.unraw.as_str()).collect();
        cx.error_spanned_by(
            name,
            format!(
                "`{rule}` names `{wanted}`, but the struct has no such field; fields are: {}",
                names.join(", ")
            ),
        );
    }
    found
}

/// Checks a `#[derive(Request)]`.
pub(crate) fn request<'a>(cx: &Ctxt, cont: &'a Container<'a>, span: Span) -> Option<Request<'a>> {
    let ContainerAttrs::Request(attrs) = &cont.attrs else {
        return None;
    };
    let service = match &attrs.service {
        Some(lit) => {
            let v = lit.value();
            if v.is_empty()
                || !v
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
            {
                cx.error_spanned_by(
                    lit,
                    "a service name is ASCII letters, digits, `.` and `_`, e.g. `service = \"sns.create.goods.ws\"`",
                );
            }
            v
        }
        None => {
            cx.error_at(
                span,
                "missing service name: add `#[alipay(service = \"sns.create.goods.ws\", response = MyResponse)]` to the struct",
            );
            String::new()
        }
    };
    match (&attrs.response, attrs.page) {
        (None, None) => cx.error_at(
            span,
            "missing response type: add `#[alipay(response = MyResponse)]` (a `#[derive(Response)]` struct, `Option<…>` of one when the payload may be absent, or `()` when the answer has none); a service the buyer's browser visits is declared `#[alipay(page)]` instead",
        ),
        (Some(response), Some(_)) => cx.error_spanned_by(
            response,
            "a page service has no XML answer: remove `response` (its outcome comes back as a return and a notification, declared with `#[derive(Notification)]`)",
        ),
        _ => {}
    }
    let spec = attrs
        .spec
        .as_ref()
        .and_then(|lit| super::spec::load(cx, lit, super::spec::Which::Request));
    let params: Vec<Param> = cont
        .fields
        .iter()
        .map(|f| check_field(cx, f, spec.as_ref()))
        .collect();
    for p in &params {
        if COMMON_PARAMS.contains(&p.wire.as_str()) {
            cx.error_spanned_by(
                wire_tokens(p),
                format!(
                    "`{}` is a common parameter that the runtime adds to every request: remove this field (service, partner, _input_charset, sign_type and sign are never declared)",
                    p.wire
                ),
            );
        }
    }
    check_unique_wire_names(cx, &params, "parameter");

    let mut identifies: Vec<usize> = Vec::new();
    for group in &attrs.identifies {
        for name in &group.fields {
            if let Some(i) = find(cx, &params, name, "identifies") {
                if identifies.contains(&i) {
                    cx.error_spanned_by(name, "this field is already in `identifies`");
                } else {
                    identifies.push(i);
                }
            }
        }
    }

    let mut one_of = Vec::new();
    for group in &attrs.one_of {
        let idx: Vec<usize> = group
            .fields
            .iter()
            .filter_map(|name| find(cx, &params, name, "one_of"))
            .collect();
        if group.fields.len() < 2 {
            cx.error_at(
                group.span,
                "`one_of` needs at least two fields: write `one_of(transport_type, create_transport_type)`",
            );
        }
        for (k, &i) in idx.iter().enumerate() {
            if idx[..k].contains(&i) {
                cx.error_spanned_by(
                    &group.fields[k],
                    "this field is already in the `one_of` group",
                );
            } else if !params[i].field.optional {
                cx.error_spanned_by(
                    &group.fields[k],
                    format!(
                        "`{}` is always present (its type is not `Option`), so `one_of` would always hold: make it `Option<{}>`",
                        params[i].field.unraw,
                        type_name(params[i].field.inner)
                    ),
                );
            }
        }
        if idx.len() == group.fields.len() {
            one_of.push(idx);
        }
    }

    let mut required_if = Vec::new();
    for rule in &attrs.required_if {
        let when = find(cx, &params, &rule.when, "required_if");
        let values: Vec<Checked> = match when {
            Some(w) => rule
                .values
                .iter()
                .filter_map(|lit| {
                    let kind = params[w].field.kind;
                    match check_wire_text(kind, &lit.value()) {
                        Ok(value) => Some(Checked {
                            lit: lit.clone(),
                            value,
                        }),
                        Err(what) => {
                            cx.error_spanned_by(
                                lit,
                                format!(
                                    "{:?} is not a value of `{}`: {what}",
                                    lit.value(),
                                    params[w].field.unraw
                                ),
                            );
                            None
                        }
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let mut targets = Vec::new();
        for t in &rule.targets {
            let Some(i) = find(cx, &params, &t.field, "required_if") else {
                continue;
            };
            let p = &params[i];
            if Some(i) == when {
                cx.error_spanned_by(
                    &t.field,
                    "a field cannot be required by a condition on itself",
                );
            } else if !p.field.optional {
                cx.error_spanned_by(
                    &t.field,
                    format!(
                        "`{}` is always required (its type is not `Option`), so a conditional requirement means nothing: make it `Option<{}>` or remove it from `required_if`",
                        p.field.unraw,
                        type_name(p.field.inner)
                    ),
                );
            } else if t.positive && !matches!(p.field.kind, Kind::Amount | Kind::Int(_)) {
                cx.error_spanned_by(
                    &t.field,
                    format!(
                        "`> 0` applies to `Amount` and integer fields, but `{}` is a `{}`: use `custom = path` instead",
                        p.field.unraw,
                        type_name(p.field.inner)
                    ),
                );
            } else {
                targets.push((i, t.positive));
            }
        }
        if let Some(when) = when
            && values.len() == rule.values.len()
            && targets.len() == rule.targets.len()
        {
            required_if.push(RequiredIf {
                when,
                values,
                targets,
            });
        }
    }

    let mut relations = Vec::new();
    for rel in &attrs.relations {
        let left = find(cx, &params, &rel.left, "relation");
        let right = find(cx, &params, &rel.right, "relation");
        if let (Some(left), Some(right)) = (left, right) {
            if left == right {
                cx.error_spanned_by(&rel.tokens, "a relation compares two different fields");
            } else {
                relations.push(Relation {
                    left,
                    op: rel.op,
                    right,
                    tokens: rel.tokens.clone(),
                });
            }
        }
    }

    let mut tallies = Vec::new();
    for tally in &attrs.tallies {
        let what = if tally.field.is_some() {
            "total"
        } else {
            "count"
        };
        let stated = find(cx, &params, &tally.stated, what);
        let list = find(cx, &params, &tally.list, what);
        if let (Some(stated), Some(list)) = (stated, list) {
            if stated == list {
                cx.error_spanned_by(
                    &tally.tokens,
                    format!("`{what}` relates a parameter to a different, list-valued one"),
                );
            } else if tally.field.is_none() && !matches!(params[stated].field.kind, Kind::Int(_)) {
                cx.error_spanned_by(
                    &tally.stated,
                    format!(
                        "`count` states a number of items: `{}` must be an integer type, not `{}`",
                        params[stated].field.unraw,
                        type_name(params[stated].field.inner)
                    ),
                );
            } else if tally.field.is_some() && params[stated].field.kind != Kind::Amount {
                cx.error_spanned_by(
                    &tally.stated,
                    format!(
                        "`total` states a sum of amounts: `{}` must be an `Amount`, not `{}`",
                        params[stated].field.unraw,
                        type_name(params[stated].field.inner)
                    ),
                );
            } else {
                tallies.push(Tally {
                    stated,
                    list,
                    field: tally.field.clone(),
                    tokens: tally.tokens.clone(),
                });
            }
        }
    }

    let (mut spec_errors, mut spec_track) = (None, None);
    if let Some(lit) = &attrs.spec
        && let Some(loaded) = &spec
    {
        let groups: Vec<Vec<String>> = one_of
            .iter()
            .map(|g: &Vec<usize>| g.iter().map(|&i| params[i].wire.clone()).collect())
            .collect();
        compare(
            cx,
            loaded,
            lit,
            &service,
            attrs.page.is_some(),
            &params,
            &groups,
        );
        if attrs.error_codes.is_none() {
            spec_errors = Some(code_rows(cx, loaded, lit));
        }
        spec_track = Some(super::spec::track(loaded));
    }

    Some(Request {
        ident: cont.ident,
        service,
        response: attrs
            .response
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(())),
        method: attrs.method,
        repeat: attrs.repeat.clone(),
        identifies,
        error_codes: attrs.error_codes.clone(),
        page: attrs.page.is_some(),
        spec_errors,
        spec_track,
        notification: None,
        params,
        one_of,
        required_if,
        relations,
        tallies,
        custom: attrs.custom.clone(),
    })
}

/// Checks a `#[derive(Notification)]`: a parameter table Alipay sends (to notify_url, or on the
/// return_url query), read like a request's table but never sent, so it has no rules between
/// fields, no response and no common parameters.
pub(crate) fn notification<'a>(cx: &Ctxt, cont: &'a Container<'a>) -> Option<Request<'a>> {
    let ContainerAttrs::Notification(attrs) = &cont.attrs else {
        return None;
    };
    let is_return = attrs.kind.as_ref().is_some_and(|k| k.value() == "return");
    let which = if is_return {
        super::spec::Which::Return
    } else {
        super::spec::Which::Notify
    };
    let spec = attrs
        .spec
        .as_ref()
        .and_then(|lit| super::spec::load(cx, lit, which));
    let params: Vec<Param> = cont
        .fields
        .iter()
        .map(|f| check_field(cx, f, spec.as_ref()))
        .collect();
    check_unique_wire_names(cx, &params, "parameter");
    if let Some(loaded) = &spec {
        compare_table(cx, loaded, &params);
    }
    let service = match (&attrs.service, &spec) {
        (Some(lit), _) => lit.value(),
        (None, Some(loaded)) => loaded.file.service.clone(),
        (None, None) => String::new(),
    };
    Some(Request {
        ident: cont.ident,
        service,
        response: syn::parse_quote!(()),
        method: crate::internals::attr::Method::Post,
        repeat: None,
        identifies: Vec::new(),
        error_codes: None,
        page: false,
        spec_errors: None,
        spec_track: spec.as_ref().map(super::spec::track),
        notification: Some(is_return),
        params,
        one_of: Vec::new(),
        required_if: Vec::new(),
        relations: Vec::new(),
        tallies: Vec::new(),
        custom: Vec::new(),
    })
}

/// Checks a `#[derive(Response)]`.
pub(crate) fn response<'a>(cx: &Ctxt, cont: &'a Container<'a>, span: Span) -> Option<Response<'a>> {
    let ContainerAttrs::Response(attrs) = &cont.attrs else {
        return None;
    };
    let element = match &attrs.element {
        Some(lit) => {
            let v = lit.value();
            if v.is_empty() || v.contains(|c: char| c.is_whitespace() || "<>/&\"'".contains(c)) {
                cx.error_spanned_by(
                    lit,
                    "an element name is an XML tag name, e.g. `element = \"goods\"`",
                );
            }
            v
        }
        None => {
            cx.error_at(
                span,
                "missing payload element: add `#[alipay(element = \"goods\")]`, the tag inside `<response>`",
            );
            String::new()
        }
    };
    let fields: Vec<Param> = cont
        .fields
        .iter()
        .map(|f| check_field(cx, f, None))
        .collect();
    check_unique_wire_names(cx, &fields, "element");
    Some(Response {
        ident: cont.ident,
        element,
        fields,
    })
}

// --- holding a declaration to its spec file (`spec = "…"`) ---

/// One row of a spec's error table, its kind checked: becomes a `CodeSpec` of `ERROR_CODES`.
pub(crate) struct CodeRow {
    pub(crate) code: String,
    pub(crate) text: String,
    /// `Retry`, `QueryTradeState`, `Caller` or `Configuration`.
    pub(crate) kind: Option<&'static str>,
    pub(crate) meaning: Option<String>,
    pub(crate) advice: Option<String>,
}

/// The spec's error table, each kind checked (an unknown kind is an error at `lit`).
fn code_rows(cx: &Ctxt, spec: &Loaded, lit: &LitStr) -> Vec<CodeRow> {
    spec.file
        .errors
        .iter()
        .map(|e| CodeRow {
            code: e.code.clone(),
            text: e.text.clone().unwrap_or_default(),
            kind: e.kind.as_deref().map(|kind| match kind {
                "retry" => "Retry",
                "query_trade_state" => "QueryTradeState",
                "caller" => "Caller",
                "configuration" => "Configuration",
                other => {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "{}: error {} has kind {other:?}; write retry, query_trade_state, caller or configuration",
                            spec.written, e.code
                        ),
                    );
                    "Caller"
                }
            }),
            meaning: e.meaning.clone(),
            advice: e.advice.clone(),
        })
        .collect()
}

/// Compares the request table with the declared fields; every difference is an error.
pub(crate) fn compare(
    cx: &Ctxt,
    spec: &Loaded,
    lit: &LitStr,
    service: &str,
    page: bool,
    params: &[Param],
    one_of: &[Vec<String>],
) {
    let file = &spec.file;
    let at = &spec.written;
    if !file.service.is_empty() && file.service != service {
        cx.error_spanned_by(
            lit,
            format!("{at} is the spec of `{}`, not of `{service}`", file.service),
        );
    }
    let spec_page = file.kind.as_deref() == Some("page");
    if spec_page != page {
        let (says, declared) = if spec_page {
            ("a page service", "an API service: add `page`")
        } else {
            ("an API service", "a page service: remove `page`")
        };
        cx.error_spanned_by(
            lit,
            format!("{at} says {says}; the struct declares {declared}"),
        );
    }
    let names: Vec<&str> = params.iter().map(|p| p.wire.as_str()).collect();
    for (i, row) in file.request.iter().enumerate() {
        match params.iter().position(|p| p.wire == row.name) {
            None => cx.error_spanned_by(
                lit,
                format!(
                    "{at} has the row `{}` (row {} of its request table), which the struct does not declare",
                    row.name,
                    i + 1
                ),
            ),
            Some(j) if j != i && names.len() == file.request.len() => cx.error_spanned_by(
                params[j].field.member,
                format!(
                    "`{}` is row {} of {at}'s request table, but field {} here: keep the table's order",
                    row.name,
                    i + 1,
                    j + 1
                ),
            ),
            Some(j) => row_diff(cx, at, row, &params[j]),
        }
    }
    for p in params {
        if !file.request.iter().any(|r| r.name == p.wire) {
            cx.error_spanned_by(
                p.field.member,
                format!("`{}` is not a row of {at}'s request table", p.wire),
            );
        }
    }
    if file.one_of.as_slice() != one_of {
        cx.error_spanned_by(
            lit,
            format!(
                "{at} has one_of {:?}; the struct declares {:?}",
                file.one_of, one_of
            ),
        );
    }
}

fn row_diff(cx: &Ctxt, at: &str, row: &Row, p: &Param) {
    let diff = |what: &str, spec: String, declared: String| {
        if spec != declared {
            cx.error_spanned_by(
                p.field.member,
                format!(
                    "`{}`: {at} says {what} {spec}, the field says {declared}",
                    row.name
                ),
            );
        }
    };
    if let Some(label) = row.label.as_ref().filter(|_| p.field.attrs.label.is_some()) {
        diff("label", format!("{label:?}"), format!("{:?}", p.label));
    }
    if p.field.attrs.ty.is_some() || row.ty.is_none() {
        diff(
            "type",
            format!("{:?}", row.ty.as_deref().unwrap_or("")),
            format!("{:?}", p.ty_text),
        );
    }
    if let Some(nullable) = row.nullable {
        let shape = |n: bool| {
            if n {
                "nullable (可空 Y: Option<T>)"
            } else {
                "required (可空 N: T)"
            }
        };
        diff(
            "it is",
            shape(nullable).to_owned(),
            shape(p.field.optional).to_owned(),
        );
    }
    // A column the field does not declare was taken from the row: only declared ones can differ
    // (an example the field's type refused is reported once, where it was checked).
    let declares = &p.field.attrs;
    if let Some(example) = row.example.as_ref().filter(|_| declares.example.is_some()) {
        diff(
            "example",
            format!("{example:?}"),
            format!(
                "{:?}",
                p.example
                    .as_ref()
                    .map(|e| e.lit.value())
                    .unwrap_or_default()
            ),
        );
    }
    if let Some(note) = row.note.as_ref().filter(|_| !p.field.attrs.doc.is_empty()) {
        diff(
            "note (the doc comment)",
            format!("{note:?}"),
            format!("{:?}", p.note),
        );
    }
}

/// Compares a notification or return struct with its table: each field must be a row of it (a
/// struct may declare only the rows it reads; the others are kept by the client), with the row's
/// columns.
pub(crate) fn compare_table(cx: &Ctxt, spec: &Loaded, params: &[Param]) {
    let table = if spec.which == Which::Return {
        "return"
    } else {
        "notify"
    };
    for p in params {
        match spec.row(&p.wire) {
            Some(row) => row_diff(cx, &spec.written, row, p),
            None => cx.error_spanned_by(
                p.field.member,
                format!(
                    "`{}` is not a row of {}'s [{table}] table",
                    p.wire, spec.written
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use alipay_core::types::{Amount, HttpUrl, TimestampMillis, WireValue};

    use super::{Kind, Value, check_wire_text, parse_amount};

    /// Whatever the macro accepts as an example, the runtime parser accepts too, with the same
    /// value: `example()` can never fail for a declaration that compiled.
    #[test]
    fn macro_checks_are_no_looser_than_the_runtime() {
        let corpus = [
            "",
            "0",
            "00",
            "007",
            "1",
            "100",
            "100.4",
            "100.40",
            "100.405",
            ".5",
            "5.",
            "1.2.3",
            "-1",
            "+1",
            " 1",
            "1 ",
            "１",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "184467440737095516.15",
            "184467440737095516.16",
            "1309437333420",
            "0309437333420",
            "130943733342",
            "http://www.test.com/notify/alipay/interface.htm",
            "https://a",
            "HTTPS://A.B:8080/x",
            "http://",
            "http://a b",
            "http://user@a",
            "http://a:0",
            "http://a:65536",
            "http://[::1]:80/",
            "http://[zz]/",
            "ftp://a",
            "http://a..b",
            "http://例子.测试/",
            "http://a/?q=1#f",
            "http://a:8x",
        ];
        for text in corpus {
            if let Ok(v) = check_wire_text(Kind::Int("u32"), text) {
                let Value::Int(digits) = v else { panic!() };
                assert_eq!(u32::parse_wire(text).unwrap().to_string(), digits, "{text}");
            }
            if let Ok(v) = check_wire_text(Kind::Int("u64"), text) {
                let Value::Int(digits) = v else { panic!() };
                assert_eq!(u64::parse_wire(text).unwrap().to_string(), digits, "{text}");
            }
            // Amounts: the same rule both ways.
            assert_eq!(
                parse_amount(text),
                Amount::parse_wire(text).ok().map(Amount::fen),
                "{text}"
            );
            if let Ok(Value::Millis(ms)) = check_wire_text(Kind::Millis, text) {
                assert_eq!(
                    TimestampMillis::parse_wire(text).unwrap().millis(),
                    ms,
                    "{text}"
                );
            }
            // URLs: the same rule both ways.
            assert_eq!(
                check_wire_text(Kind::Url, text).is_ok(),
                HttpUrl::parse_wire(text).is_ok(),
                "{text}"
            );
        }
    }
}
