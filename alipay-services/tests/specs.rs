//! Conformance: every declared service matches its spec table in `specs/` (transcribed from the
//! source documents). A renamed, added, missing or reordered parameter, a changed label, type,
//! length, nullability, example, note, closed set or secrecy fails here.

use std::collections::BTreeSet;
use std::path::PathBuf;

use alipay_core::ErrorCode;
use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{FieldSpec, ParamSpec, Request, Response, RuleSpec};
use alipay_services::{send_goods_confirm, single_trade_query, sns_create_goods};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    service: String,
    #[allow(dead_code)]
    title: String,
    #[allow(dead_code)]
    source: String,
    #[serde(default)]
    one_of: Vec<Vec<String>>,
    #[serde(default)]
    basic: Vec<Row>,
    #[serde(default)]
    request: Vec<Row>,
    #[serde(default)]
    response_basic: Vec<Row>,
    response: ResponseTable,
    #[serde(default)]
    errors: Vec<ErrorRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    label: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    nullable: Option<bool>,
    example: Option<String>,
    note: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    secret: bool,
    /// Documentation only (docs/protocol.md's meaning column).
    #[allow(dead_code)]
    meaning: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseTable {
    element: String,
    fields: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorRow {
    code: String,
    /// The SNS document's 说明 text, where the source document gives one.
    text: Option<String>,
}

fn load(file: &str) -> Spec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `String(128)` → Some(128); `String` or nothing → None.
fn max_len(ty: Option<&str>) -> Option<usize> {
    let ty = ty?;
    let inner = ty.strip_prefix("String(")?.strip_suffix(')')?;
    Some(
        inner
            .parse()
            .unwrap_or_else(|_| panic!("bad type column {ty:?}")),
    )
}

/// Compares one spec row with a declared row; returns every difference.
#[allow(clippy::too_many_arguments)]
fn diff_row(
    ctx: &str,
    row: &Row,
    label: &str,
    ty: &str,
    nullable: bool,
    example: Option<&str>,
    note: &str,
    allowed: &[&str],
) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: &str, spec: String, declared: String| {
        if spec != declared {
            out.push(format!(
                "{ctx}.{}: {what}: spec {spec:?}, declared {declared:?}",
                row.name
            ));
        }
    };
    if let Some(l) = &row.label {
        check("label", l.clone(), label.to_owned());
    }
    check("type", row.ty.clone().unwrap_or_default(), ty.to_owned());
    if let Some(n) = row.nullable {
        check("nullable", n.to_string(), nullable.to_string());
    }
    if row.example.is_some() {
        check(
            "example",
            format!("{:?}", row.example),
            format!("{:?}", example),
        );
    }
    if let Some(n) = &row.note {
        check("note", n.clone(), note.to_owned());
    }
    check(
        "values",
        format!("{:?}", row.values),
        format!("{allowed:?}"),
    );
    out
}

fn check_request<R: Request>(spec: &Spec) -> Vec<String> {
    let mut errs = Vec::new();
    // one_of groups, in declaration order, against the spec's.
    let declared: Vec<Vec<String>> = R::RULES
        .iter()
        .filter_map(|r| match r {
            RuleSpec::OneOf(names) => Some(names.iter().map(|n| (*n).to_owned()).collect()),
            _ => None,
        })
        .collect();
    if declared != spec.one_of {
        errs.push(format!(
            "{}: one_of: spec {:?}, declared {declared:?}",
            R::SERVICE,
            spec.one_of
        ));
    }
    if spec.service != R::SERVICE {
        errs.push(format!(
            "service: spec {:?}, declared {:?}",
            spec.service,
            R::SERVICE
        ));
    }
    let spec_names: Vec<&str> = spec.request.iter().map(|r| r.name.as_str()).collect();
    let declared: Vec<&str> = R::PARAMS.iter().map(|p| p.name).collect();
    if spec_names != declared {
        errs.push(format!(
            "request rows: spec {spec_names:?}, declared {declared:?}"
        ));
    }
    for row in &spec.request {
        let Some(p): Option<&ParamSpec> = R::param(&row.name) else {
            continue;
        };
        errs.extend(diff_row(
            R::SERVICE,
            row,
            p.label,
            p.ty,
            p.nullable,
            p.example,
            p.note,
            p.allowed,
        ));
        if max_len(row.ty.as_deref()) != p.max_len {
            errs.push(format!(
                "{}.{}: max length: spec {:?}, declared {:?}",
                R::SERVICE,
                row.name,
                max_len(row.ty.as_deref()),
                p.max_len
            ));
        }
        if row.secret != p.secret {
            errs.push(format!(
                "{}.{}: secret: spec {}, declared {}",
                R::SERVICE,
                row.name,
                row.secret,
                p.secret
            ));
        }
    }
    // The basic parameters are the runtime's common set, never declared per service.
    let basic: BTreeSet<&str> = spec.basic.iter().map(|r| r.name.as_str()).collect();
    let common: BTreeSet<&str> =
        ["_input_charset", "partner", "service", "sign", "sign_type"].into();
    if !basic.is_empty() && basic != common {
        errs.push(format!(
            "basic rows: spec {basic:?}, runtime adds {common:?}"
        ));
    }
    for name in &basic {
        if R::param(name).is_some() {
            errs.push(format!(
                "{name} is a common parameter and must not be declared"
            ));
        }
    }
    errs
}

fn check_response<T: Response>(service: &str, spec: &Spec) -> Vec<String> {
    let mut errs = Vec::new();
    if spec.response.element != T::ELEMENT {
        errs.push(format!(
            "{service}: element: spec {:?}, declared {:?}",
            spec.response.element,
            T::ELEMENT
        ));
    }
    let spec_names: Vec<&str> = spec
        .response
        .fields
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    let declared: Vec<&str> = T::FIELDS.iter().map(|f| f.name).collect();
    if spec_names != declared {
        errs.push(format!(
            "{service} response fields: spec {spec_names:?}, declared {declared:?}"
        ));
    }
    for row in &spec.response.fields {
        let Some(f): Option<&FieldSpec> = T::FIELDS.iter().find(|f| f.name == row.name) else {
            continue;
        };
        errs.extend(diff_row(
            &format!("{service}/{}", T::ELEMENT),
            row,
            f.label,
            f.ty,
            f.nullable,
            f.example,
            f.note,
            f.allowed,
        ));
    }
    // The envelope's own fields (is_success, sign, sign_type) are parsed by the envelope, not declared.
    for row in &spec.response_basic {
        if T::FIELDS.iter().any(|f| f.name == row.name) {
            errs.push(format!("{service}: {} belongs to the envelope", row.name));
        }
    }
    errs
}

fn check_errors(service: &str, spec: &Spec, declared: &[ErrorCode]) -> Vec<String> {
    let mut errs = Vec::new();
    let spec_codes: Vec<&str> = spec.errors.iter().map(|e| e.code.as_str()).collect();
    let declared_codes: Vec<&str> = declared.iter().map(|c| c.as_str()).collect();
    if spec_codes != declared_codes {
        errs.push(format!(
            "{service} error codes: spec {spec_codes:?}, declared {declared_codes:?}"
        ));
    }
    for row in &spec.errors {
        let code = ErrorCode::from_code(&row.code);
        if !code.is_known() {
            errs.push(format!(
                "{service}: error code {} is not in ErrorCode",
                row.code
            ));
        }
        if let Some(text) = &row.text
            && code.chinese() != text
        {
            errs.push(format!(
                "{service}: {} text: spec {text:?}, ErrorCode {:?}",
                row.code,
                code.chinese()
            ));
        }
    }
    errs
}

fn assert_clean(errs: Vec<String>) {
    assert!(
        errs.is_empty(),
        "declarations differ from specs/:\n  {}",
        errs.join("\n  ")
    );
}

/// Holds each visited service to `specs/<service>.toml`.
#[derive(Default)]
struct Conformance {
    checked: Vec<&'static str>,
    errs: Vec<String>,
}

impl Visitor for Conformance {
    fn visit<R: Request + 'static>(&mut self, info: &'static ServiceInfo) {
        let spec = load(&format!("{}.toml", info.name));
        self.errs.extend(check_request::<R>(&spec));
        self.errs
            .extend(check_response::<R::Response>(info.name, &spec));
        self.errs
            .extend(check_errors(info.name, &spec, info.error_codes));
        self.checked.push(info.name);
    }
}

/// Every service of the catalog has its spec file and matches it: a service added to the
/// catalog is checked without another edit.
#[test]
fn every_catalog_service_matches_its_spec() {
    let mut c = Conformance::default();
    alipay_services::visit(&mut c);
    assert_eq!(c.checked.len(), alipay_services::SERVICES.len());
    assert!(c.checked.len() >= 3);
    assert_clean(c.errs);
}

#[test]
fn sns_create_goods_matches_its_spec() {
    let spec = load("sns.create.goods.ws.toml");
    let mut errs = check_request::<sns_create_goods::CreateGoods>(&spec);
    errs.extend(check_response::<sns_create_goods::Goods>(
        "sns.create.goods.ws",
        &spec,
    ));
    errs.extend(check_errors(
        "sns.create.goods.ws",
        &spec,
        sns_create_goods::ERROR_CODES,
    ));
    assert_eq!(spec.request.len(), 14);
    assert_eq!(spec.response.fields.len(), 15);
    assert_eq!(spec.errors.len(), 14);
    assert_clean(errs);
}

#[test]
fn send_goods_confirm_matches_its_spec() {
    let spec = load("send_goods_confirm_by_platform.toml");
    let mut errs = check_request::<send_goods_confirm::SendGoodsConfirm>(&spec);
    errs.extend(check_response::<send_goods_confirm::TradeBase>(
        "send_goods_confirm_by_platform",
        &spec,
    ));
    errs.extend(check_errors(
        "send_goods_confirm_by_platform",
        &spec,
        send_goods_confirm::ERROR_CODES,
    ));
    assert_eq!(
        spec.one_of,
        vec![vec![
            "transport_type".to_owned(),
            "create_transport_type".to_owned()
        ]]
    );
    assert_eq!(spec.response.fields.len(), 26);
    assert_clean(errs);
}

#[test]
fn single_trade_query_matches_its_spec() {
    let spec = load("single_trade_query.toml");
    let mut errs = check_request::<single_trade_query::SingleTradeQuery>(&spec);
    errs.extend(check_response::<single_trade_query::Trade>(
        "single_trade_query",
        &spec,
    ));
    errs.extend(check_errors(
        "single_trade_query",
        &spec,
        single_trade_query::ERROR_CODES,
    ));
    assert_clean(errs);
}

/// The checker itself must notice a drift: a spec with one renamed row and one changed length.
#[test]
fn a_drifted_spec_fails() {
    let mut spec = load("sns.create.goods.ws.toml");
    spec.request[1].name = "sns_user".into();
    spec.request[4].ty = Some("String(64)".into());
    spec.response.fields[9].nullable = Some(false);
    spec.one_of
        .push(vec!["goods_name".into(), "goods_fee".into()]);
    let mut errs = check_request::<sns_create_goods::CreateGoods>(&spec);
    errs.extend(check_response::<sns_create_goods::Goods>(
        "sns.create.goods.ws",
        &spec,
    ));
    assert!(errs.iter().any(|e| e.contains("request rows")), "{errs:?}");
    assert!(
        errs.iter().any(|e| e.contains("goods_name: type")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("goods_name: max length")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("flow_fee: nullable")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|e| e.contains("one_of")), "{errs:?}");
}
