//! Holding a declared service to its spec: every row, rule and error code compared.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use alipay_core::ErrorCode;
use alipay_core::error::CodeSpec;
use alipay_core::service::{
    FieldSpec, Kind, Notification, NotificationKind, ParamSpec, Request, Response, RuleSpec,
};

use crate::model::{ErrorRow, Row, Spec};

/// One difference between a declaration and its spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Where: e.g. `request.trade_no.type`, `response/goods.flow_fee.nullable`,
    /// `errors.TRADE_STATUS_NOT_AVAILD.text`.
    pub place: String,
    /// What the spec says.
    pub spec: String,
    /// What the declaration says.
    pub declared: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: spec {}, declared {}",
            self.place, self.spec, self.declared
        )
    }
}

/// Every difference between a declared service and its spec file (see [`check`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatches {
    /// The service.
    pub service: String,
    /// The spec file, when the check read one.
    pub path: Option<String>,
    /// The differences, in table order.
    pub list: Vec<Mismatch>,
}

impl fmt::Display for Mismatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} differs from its spec{} in {} place(s):",
            self.service,
            self.path
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default(),
            self.list.len()
        )?;
        for m in &self.list {
            write!(f, "\n  {m}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Mismatches {}

/// Holds request type `R` (its request table, rules, kind, response table and error table) to
/// `spec`; every difference is returned together.
///
/// What is compared, per row: the names and their order, label, type column, length (from
/// `String(N)`), nullability, example, note (the doc comment), closed set of values, secrecy. A
/// spec row that leaves a column out does not compare it (sources are often silent). Error codes:
/// the codes and their order, the 说明 texts, and the kind where the spec gives one (a code the
/// shared table does not know and the service gives no kind is not retried, and means its text).
pub fn check<R: Request>(spec: &Spec) -> Result<(), Mismatches> {
    let mut out = Diff::default();
    request::<R>(spec, &mut out);
    match R::KIND {
        Kind::Page => {
            if let Some(table) = &spec.response {
                out.push(
                    "response",
                    format!("{table:?}"),
                    "a page service (no XML answer)",
                );
            }
        }
        Kind::Api => response::<R::Response>(spec, &mut out),
    }
    errors(&spec.errors, R::ERROR_CODES, &mut out);
    out.finish(R::SERVICE, None)
}

/// [`check`] against the spec file at `path` (relative paths are the test's working directory:
/// the package's root under `cargo test`). A file that cannot be read or parsed is a mismatch too.
pub fn check_file<R: Request>(path: impl AsRef<Path>) -> Result<(), Mismatches> {
    let path = path.as_ref();
    let shown = path.display().to_string();
    let spec = Spec::load(path).map_err(|e| Mismatches {
        service: R::SERVICE.to_owned(),
        path: Some(shown.clone()),
        list: vec![Mismatch {
            place: "file".to_owned(),
            spec: e.to_string(),
            declared: String::new(),
        }],
    })?;
    check::<R>(&spec).map_err(|mut m| {
        m.path = Some(shown);
        m
    })
}

/// [`check_file`], panicking with every difference: the one line a test needs.
///
/// ```
/// alipay_spec::assert_matches::<alipay_services::close_trade::CloseTrade>(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/close_trade.toml"),
/// );
/// ```
#[track_caller]
pub fn assert_matches<R: Request>(path: impl AsRef<Path>) {
    if let Err(m) = check_file::<R>(path) {
        panic!("{m}");
    }
}

/// Holds notification or return table `T` (`#[derive(Notification)]`) to `spec`'s `[notify]` or
/// `[return]` table: every declared row must be a row of the table, with its columns (label, type,
/// length, nullability, example, note, values, secrecy). A struct may declare only the rows it
/// reads: the others are kept by the client and covered by the signature. A closed set may be
/// read by a type that accepts more values (the shared `TradeStatus` for a document's 5 statuses).
pub fn check_notification<T: Notification>(spec: &Spec) -> Result<(), Mismatches> {
    let mut out = Diff::default();
    let (name, table) = match T::KIND {
        NotificationKind::Return => ("return", spec.return_.as_ref()),
        NotificationKind::Notify => ("notify", spec.notify.as_ref()),
    };
    if !T::SERVICE.is_empty() {
        out.compare("service".to_owned(), spec.service.as_str(), T::SERVICE);
    }
    match table {
        None => out.push(name, "no table", format!("{} rows", T::FIELDS.len())),
        Some(table) => {
            for p in T::FIELDS {
                match table.fields.iter().find(|r| r.name == p.name) {
                    None => out.push(format!("{name} rows"), "no such row", p.name),
                    Some(r) => {
                        row_with(&mut out, name, r, &Declared::from(p), true);
                    }
                }
            }
        }
    }
    out.finish(spec.service.as_str(), None)
}

/// [`check_notification`] against the spec file at `path`, panicking with every difference.
#[track_caller]
pub fn assert_notification_matches<T: Notification>(path: impl AsRef<Path>) {
    let path = path.as_ref();
    let spec = Spec::load(path).unwrap_or_else(|e| panic!("{e}"));
    if let Err(mut m) = check_notification::<T>(&spec) {
        m.path = Some(path.display().to_string());
        panic!("{m}");
    }
}

#[derive(Default)]
struct Diff(Vec<Mismatch>);

impl Diff {
    fn push(
        &mut self,
        place: impl Into<String>,
        spec: impl fmt::Display,
        declared: impl fmt::Display,
    ) {
        self.0.push(Mismatch {
            place: place.into(),
            spec: spec.to_string(),
            declared: declared.to_string(),
        });
    }

    fn compare<T: PartialEq + fmt::Debug>(&mut self, place: String, spec: T, declared: T) {
        if spec != declared {
            self.push(place, format!("{spec:?}"), format!("{declared:?}"));
        }
    }

    fn finish(self, service: &str, path: Option<String>) -> Result<(), Mismatches> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Mismatches {
                service: service.to_owned(),
                path,
                list: self.0,
            })
        }
    }
}

/// The declared columns of one row, from a `ParamSpec` or a `FieldSpec`.
struct Declared<'a> {
    label: &'a str,
    ty: &'a str,
    max_len: Option<usize>,
    nullable: bool,
    example: Option<&'a str>,
    note: &'a str,
    allowed: &'a [&'a str],
    secret: bool,
}

impl<'a> From<&'a ParamSpec> for Declared<'a> {
    fn from(p: &'a ParamSpec) -> Self {
        Declared {
            label: p.label,
            ty: p.ty,
            max_len: p.max_len,
            nullable: p.nullable,
            example: p.example,
            note: p.note,
            allowed: p.allowed,
            secret: p.secret,
        }
    }
}

/// `String(128)` → Some(128); `String` or nothing → None.
pub(crate) fn max_len(ty: Option<&str>) -> Option<usize> {
    let ty = ty?;
    ty.strip_prefix("String(")
        .or_else(|| ty.strip_prefix("URL("))?
        .strip_suffix(')')?
        .parse()
        .ok()
}

fn row(out: &mut Diff, table: &str, row: &Row, d: &Declared<'_>) {
    row_with(out, table, row, d, false);
}

/// [`row`]; with `received` (a table Alipay sends), the declared type may accept more values than
/// the spec's closed set (a tolerant reader: a wider closed set, or an open one such as the shared
/// `TradeStatus`, which keeps states it does not know), never fewer.
fn row_with(out: &mut Diff, table: &str, row: &Row, d: &Declared<'_>, received: bool) {
    let at = |what: &str| format!("{table}.{}.{what}", row.name);
    if let Some(label) = &row.label {
        out.compare(at("label"), label.as_str(), d.label);
    }
    out.compare(at("type"), row.ty.as_deref().unwrap_or(""), d.ty);
    out.compare(at("length"), max_len(row.ty.as_deref()), d.max_len);
    if let Some(nullable) = row.nullable {
        out.compare(at("nullable"), nullable, d.nullable);
    }
    if row.example.is_some() {
        out.compare(at("example"), row.example.as_deref(), d.example);
    }
    if let Some(note) = &row.note {
        out.compare(at("note"), note.as_str(), d.note);
    }
    let values: Vec<&str> = row.values.iter().map(String::as_str).collect();
    let tolerated = received
        && !values.is_empty()
        && (d.allowed.is_empty() || values.iter().all(|v| d.allowed.contains(v)));
    if !tolerated {
        out.compare(at("values"), values.as_slice(), d.allowed);
    }
    out.compare(at("secret"), row.secret, d.secret);
}

fn names(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

fn request<R: Request>(spec: &Spec, out: &mut Diff) {
    out.compare("service".to_owned(), spec.service.as_str(), R::SERVICE);
    let kind = if spec.is_page() {
        Kind::Page
    } else {
        Kind::Api
    };
    out.compare("kind".to_owned(), kind, R::KIND);
    let declared: Vec<Vec<&str>> = R::RULES
        .iter()
        .filter_map(|r| match r {
            RuleSpec::OneOf(names) => Some(names.to_vec()),
            _ => None,
        })
        .collect();
    let spec_one_of: Vec<Vec<&str>> = spec
        .one_of
        .iter()
        .map(|g| g.iter().map(String::as_str).collect())
        .collect();
    out.compare("one_of".to_owned(), spec_one_of, declared);
    let declared: Vec<&str> = R::PARAMS.iter().map(|p| p.name).collect();
    out.compare("request rows".to_owned(), names(&spec.request), declared);
    for r in &spec.request {
        if let Some(p) = R::param(&r.name) {
            row(out, "request", r, &Declared::from(p));
        }
    }
    // The basic parameters are the runtime's common set, never declared per service.
    let basic: BTreeSet<&str> = spec.basic.iter().map(|r| r.name.as_str()).collect();
    let common: BTreeSet<&str> =
        ["_input_charset", "partner", "service", "sign", "sign_type"].into();
    if !basic.is_subset(&common) {
        out.compare("basic rows".to_owned(), basic.clone(), common);
    }
    for name in &basic {
        if R::param(name).is_some() {
            out.push(
                format!("request.{name}"),
                "a common parameter, added by the runtime",
                "declared as a business parameter",
            );
        }
    }
}

fn response<T: Response>(spec: &Spec, out: &mut Diff) {
    let Some(table) = &spec.response else {
        // No response table and no payload declared: the bare `<is_success>T</is_success>`.
        if T::ELEMENT.is_empty() {
            return;
        }
        out.push(
            "response",
            "no response table (add `[response] element = \"\"` and `fields = []` for an answer without payload)",
            format!("element {:?}", T::ELEMENT),
        );
        return;
    };
    let text: Vec<&str> = table.text.iter().map(String::as_str).collect();
    out.compare("response.text".to_owned(), text, T::TEXT.to_vec());
    out.compare(
        "response.element".to_owned(),
        table.element.as_str(),
        T::ELEMENT,
    );
    let place = format!("response/{}", table.element);
    payload_rows(out, &place, &table.fields, T::FIELDS);
    // The envelope's own rows are parsed by the envelope, not declared in the payload.
    for r in &spec.response_basic {
        if T::FIELDS.iter().any(|f| f.name == r.name) {
            out.push(
                format!("response/{}.{}", table.element, r.name),
                "an envelope row (response_basic)",
                "declared in the payload",
            );
        }
    }
}

/// The rows of a payload (or of a record, for a row with `records`) against the declared fields,
/// at `place` (`response/account_page_query_result`, then
/// `response/account_page_query_result/account_log_list/AccountQueryAccountLogVO`).
fn payload_rows(out: &mut Diff, place: &str, rows: &[Row], fields: &[FieldSpec]) {
    let declared: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let what = if place.matches('/').count() > 1 {
        format!("{place} rows")
    } else {
        "response rows".to_owned()
    };
    out.compare(what, names(rows), declared);
    for r in rows {
        let Some(f) = fields.iter().find(|f| f.name == r.name) else {
            continue;
        };
        let d = Declared {
            label: f.label,
            ty: f.ty,
            max_len: max_len(Some(f.ty)),
            nullable: f.nullable,
            example: f.example,
            note: f.note,
            allowed: f.allowed,
            secret: false,
        };
        row_with(out, place, r, &d, true);
        match (&r.records, f.records) {
            (None, None) => {}
            (Some(table), Some(declared)) => {
                out.compare(
                    format!("{place}.{}.records.element", r.name),
                    table.element.as_str(),
                    declared.element,
                );
                let inner = format!("{place}/{}/{}", r.name, table.element);
                payload_rows(out, &inner, &table.fields, declared.fields);
            }
            (spec, declared) => out.push(
                format!("{place}.{}.records", r.name),
                match spec {
                    Some(t) => format!("repeated <{}> records", t.element),
                    None => "text".to_owned(),
                },
                match declared {
                    Some(t) => format!("Records<{}>", t.element),
                    None => "a text type".to_owned(),
                },
            ),
        }
    }
}

fn errors(spec: &[ErrorRow], declared: &'static [CodeSpec], out: &mut Diff) {
    let spec_codes: Vec<&str> = spec.iter().map(|e| e.code.as_str()).collect();
    let declared_codes: Vec<&str> = declared.iter().map(|c| c.code).collect();
    out.compare("error codes".to_owned(), spec_codes, declared_codes);
    for e in spec {
        let Some(row) = declared.iter().find(|c| c.code == e.code) else {
            continue;
        };
        let at = |what: &str| format!("errors.{}.{what}", e.code);
        out.compare(at("text"), e.text.as_deref().unwrap_or(""), row.text);
        let code = ErrorCode::from_code(row.code);
        let described = code.described_by(declared);
        if let Some(kind) = &e.kind {
            out.compare(at("kind"), kind.as_str(), described.kind().as_str());
        }
        if let Some(meaning) = &e.meaning {
            out.compare(at("meaning"), meaning.as_str(), described.meaning());
        }
        if let Some(advice) = &e.advice {
            out.compare(at("advice"), advice.as_str(), described.advice());
        }
    }
}
