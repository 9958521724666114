//! `#[alipay(spec = "specs/close_trade.toml")]`: the request held to its spec file while compiling.
//!
//! The file (relative to the declaring crate's `Cargo.toml`) is read by the derive; the generated
//! code `include_str!`s it, so editing it rebuilds the crate. A field takes the label, type column,
//! example and note of its row unless it declares them (the table is written once, in the spec).
//! The request table is compared row by
//! row (names and their order, label, type column, 可空 against `Option`, example, note against the
//! doc comment) and `one_of` groups and the kind; each difference is an error at the field (or at
//! the `spec` key for a missing row). The spec's error table becomes the service's
//! `ERROR_CODES` unless `error_codes = …` names one. The response, notification and return tables
//! are checked by `alipay_spec::check` at test time.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;
use serde::Deserialize;
use syn::LitStr;

use super::check::Param;
use super::ctxt::Ctxt;

/// The parts of a spec file the derive reads (other keys are `alipay_spec`'s business).
#[derive(Deserialize)]
pub(crate) struct SpecFile {
    #[serde(default)]
    pub(crate) service: String,
    #[serde(default)]
    pub(crate) kind: Option<String>,
    #[serde(default)]
    pub(crate) one_of: Vec<Vec<String>>,
    #[serde(default)]
    pub(crate) request: Vec<Row>,
    #[serde(default)]
    pub(crate) notify: Option<Table>,
    #[serde(default, rename = "return")]
    pub(crate) return_: Option<Table>,
    #[serde(default)]
    pub(crate) errors: Vec<ErrorRow>,
}

/// A notification or return table.
#[derive(Deserialize)]
pub(crate) struct Table {
    #[serde(default)]
    pub(crate) fields: Vec<Row>,
}

/// Which table of the spec a derive is held to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Request,
    Notify,
    Return,
}

#[derive(Deserialize)]
pub(crate) struct Row {
    pub(crate) name: String,
    pub(crate) label: Option<String>,
    #[serde(rename = "type")]
    pub(crate) ty: Option<String>,
    pub(crate) nullable: Option<bool>,
    pub(crate) example: Option<String>,
    pub(crate) note: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ErrorRow {
    pub(crate) code: String,
    pub(crate) text: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) meaning: Option<String>,
    pub(crate) advice: Option<String>,
}

/// A loaded spec and the absolute path it came from.
pub(crate) struct Loaded {
    pub(crate) file: SpecFile,
    pub(crate) path: String,
    pub(crate) written: String,
    pub(crate) which: Which,
}

impl Loaded {
    /// The rows of the table the derive is held to.
    pub(crate) fn rows(&self) -> &[Row] {
        match self.which {
            Which::Request => &self.file.request,
            Which::Notify => self.file.notify.as_ref().map_or(&[], |t| &t.fields),
            Which::Return => self.file.return_.as_ref().map_or(&[], |t| &t.fields),
        }
    }

    /// The row named `name`.
    pub(crate) fn row(&self, name: &str) -> Option<&Row> {
        self.rows().iter().find(|r| r.name == name)
    }
}

/// Reads the spec named by `lit` (relative to `CARGO_MANIFEST_DIR`); errors at `lit`.
pub(crate) fn load(cx: &Ctxt, lit: &LitStr, which: Which) -> Option<Loaded> {
    let written = lit.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let path = base.join(&written);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            cx.error_spanned_by(
                lit,
                format!(
                    "cannot read the spec file {} ({e}); the path is relative to the crate's Cargo.toml",
                    path.display()
                ),
            );
            return None;
        }
    };
    match toml::from_str::<SpecFile>(&text) {
        Ok(file) => {
            let loaded = Loaded {
                file,
                path: path.display().to_string(),
                written,
                which,
            };
            let table = match which {
                Which::Request => None,
                Which::Notify => loaded.file.notify.is_none().then_some("notify"),
                Which::Return => loaded.file.return_.is_none().then_some("return"),
            };
            if let Some(table) = table {
                cx.error_spanned_by(lit, format!("{} has no [{table}] table", loaded.written));
            }
            Some(loaded)
        }
        Err(e) => {
            cx.error_spanned_by(lit, format!("the spec file {written} does not parse: {e}"));
            None
        }
    }
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
    if let Some(label) = &row.label {
        diff("label", format!("{label:?}"), format!("{:?}", p.label));
    }
    diff(
        "type",
        format!("{:?}", row.ty.as_deref().unwrap_or("")),
        format!("{:?}", p.ty_text),
    );
    if let Some(nullable) = row.nullable {
        let shape = |n: bool| {
            if n {
                "nullable (Option<T>)"
            } else {
                "required (T)"
            }
        };
        diff(
            "it is",
            shape(nullable).to_owned(),
            shape(p.field.optional).to_owned(),
        );
    }
    if let Some(example) = &row.example {
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
    if let Some(note) = &row.note {
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

/// The error table as `CodeSpec` rows, for `Request::ERROR_CODES`.
pub(crate) fn error_codes(
    cx: &Ctxt,
    spec: &Loaded,
    lit: &LitStr,
    private: &TokenStream,
) -> TokenStream {
    let rows = spec.file.errors.iter().map(|e| {
        let code = &e.code;
        let text = e.text.as_deref().unwrap_or("");
        let mut row = quote!(#private::CodeSpec::new(#code, #text));
        if let Some(kind) = &e.kind {
            let kind = match kind.as_str() {
                "retry" => quote!(Retry),
                "query_trade_state" => quote!(QueryTradeState),
                "caller" => quote!(Caller),
                "configuration" => quote!(Configuration),
                other => {
                    cx.error_spanned_by(
                        lit,
                        format!(
                            "{}: error {code} has kind {other:?}; write retry, query_trade_state, caller or configuration",
                            spec.written
                        ),
                    );
                    quote!(Caller)
                }
            };
            row = quote!(#row.kind(#private::ErrorKind::#kind));
        }
        if let Some(meaning) = &e.meaning {
            row = quote!(#row.meaning(#meaning));
        }
        if let Some(advice) = &e.advice {
            row = quote!(#row.advice(#advice));
        }
        row
    });
    quote!(&[#(#rows),*])
}

/// Generated code that makes the spec file a build input: editing it rebuilds the crate.
pub(crate) fn track(spec: &Loaded) -> TokenStream {
    let path = &spec.path;
    quote!(
        const _: &str = ::core::include_str!(#path);
    )
}
