//! Writing a service's declaration from its spec: the Rust source a library author starts from.
//!
//! [`scaffold`] writes the request struct (`#[derive(Request)]`), the response struct
//! (`#[derive(Response)]`), a `wire_enum!` per closed set of values and the `ERROR_CODES` table,
//! so that the result compiles and passes [`check`](crate::check) against the same spec unchanged.
//! What the spec does not say is left at its default and listed in the file's header for review:
//! the method (`POST`), the repeat rule (`idempotent`, `conflict = "…"`), the cross-field rules
//! (`required_if`, `relation`, `custom`) and the meaning of the codes the shared table does not
//! know.
//!
//! Field types follow the examples: `Amount` for money (`100.40`), `CompactTime`
//! (`20110707203533`), `DateTime` (`2010-07-30 10:30:20`), `HttpUrl` for an `…_url` with a URL,
//! `TimestampMillis` for a `timestamp` of 13 digits, `u32`/`u64` for the digits of a count
//! (`…_num`, `…_days`, `quantity`, `count`), a `wire_enum!` for a row with `values`, `String`
//! otherwise; each example is parsed with the chosen type's [`WireValue`] (and written back the
//! same), else the field is a `String`. `Option<T>` when the row is nullable.
//!
//! The source is laid out as `rustfmt` lays it out, so it can be committed as is.
//!
//! ```
//! use alipay_spec::{Spec, scaffold};
//!
//! let spec = Spec::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/single_trade_query.toml"))?;
//! let source = scaffold(&spec);
//! assert!(source.contains("pub struct SingleTradeQuery {"));
//! assert!(source.contains("    pub total_fee: Option<Amount>,\n"));
//! # Ok::<(), alipay_spec::LoadError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;

use alipay_core::ErrorCode;
use alipay_core::types::{Amount, CompactTime, DateTime, HttpUrl, TimestampMillis, WireValue};
use unicode_width::UnicodeWidthStr;

use crate::model::{ErrorRow, Row, Spec};

/// The parameters the runtime adds to every request (never declared).
const COMMON: &[&str] = &["service", "partner", "_input_charset", "sign_type", "sign"];

/// The type names the generated module uses, which an enum must not take.
const RESERVED_TYPES: &[&str] = &[
    "Amount",
    "CodeSpec",
    "CompactTime",
    "DateTime",
    "ErrorKind",
    "HttpUrl",
    "Option",
    "Records",
    "Request",
    "Response",
    "String",
    "TimestampMillis",
];

/// rustfmt's limits (its defaults): the line, a function-like attribute's arguments, a call's
/// arguments, a chain, an array.
const MAX_WIDTH: usize = 100;
const ATTR_WIDTH: usize = 70;
const CALL_WIDTH: usize = 60;
const CHAIN_WIDTH: usize = 60;
const ARRAY_WIDTH: usize = 60;

/// The Rust source declaring the service of `spec` (see the [module docs](self)): a module's
/// whole text, with its `use` lines, that reaches the runtime as `alipay_core` (a crate that
/// depends on `alipay-core`; see [`scaffold_for`] for another path, e.g. the `alipay` facade).
pub fn scaffold(spec: &Spec) -> String {
    scaffold_for(spec, "alipay_core")
}

/// [`scaffold`], reaching the runtime as `runtime` instead of `alipay_core`: `"alipay"` for a
/// crate that depends on the `alipay` facade (whose root re-exports the same paths:
/// `alipay::types`, `alipay::error`, `alipay::wire_enum!`, the derives).
pub fn scaffold_for(spec: &Spec, runtime: &str) -> String {
    Plan::new(spec).render(runtime)
}

/// A field to declare.
struct Field {
    /// The Rust name (`r#type` for a keyword).
    ident: String,
    /// The wire name, when the Rust name is not it.
    rename: Option<String>,
    /// The Rust type, `Option<…>` included.
    ty: String,
    label: Option<String>,
    column: Option<String>,
    example: Option<String>,
    secret: bool,
    /// The doc comment's lines; empty when the spec's note is empty.
    doc: Vec<String>,
}

/// A `wire_enum!` to declare.
struct Enum {
    /// The row's wire name (rows of the same name and set share the enum).
    row: String,
    name: String,
    doc: String,
    values: Vec<String>,
}

struct Plan<'a> {
    spec: &'a Spec,
    request: String,
    response: Option<String>,
    params: Vec<Field>,
    fields: Vec<Field>,
    /// The notification and return tables' rows (`sign` and `sign_type` left to the client).
    notify: Option<Vec<Field>>,
    return_: Option<Vec<Field>>,
    enums: Vec<Enum>,
    types: BTreeSet<&'static str>,
    /// The record structs of response rows with `records`, in the order they are met.
    records: Vec<Record>,
}

/// A `#[derive(Response)]` struct for the repeated records of a response row.
struct Record {
    name: String,
    element: String,
    /// The row holding the records.
    row: String,
    fields: Vec<Field>,
}

impl<'a> Plan<'a> {
    fn new(spec: &'a Spec) -> Self {
        let request = camel(&spec.service, "Service");
        let element = spec
            .response
            .as_ref()
            .filter(|_| !spec.is_page())
            .map(|t| t.element.as_str())
            .filter(|e| !e.is_empty());
        let response = element.map(|e| {
            let name = camel(e, "Payload");
            if name == request {
                format!("{name}Payload")
            } else {
                name
            }
        });
        let mut plan = Plan {
            spec,
            request,
            response,
            params: Vec::new(),
            fields: Vec::new(),
            notify: None,
            return_: None,
            enums: Vec::new(),
            types: BTreeSet::new(),
            records: Vec::new(),
        };
        let params: Vec<Field> = spec
            .request
            .iter()
            .filter(|r| !COMMON.contains(&r.name.as_str()))
            .map(|r| plan.field(r, true))
            .collect();
        plan.params = params;
        if let (Some(_), Some(table)) = (&plan.response, &spec.response) {
            let fields: Vec<Field> = table
                .fields
                .iter()
                .map(|r| plan.response_field(r))
                .collect();
            plan.fields = fields;
        }
        let mut table = |t: &Option<crate::model::ParamTable>| {
            t.as_ref().map(|t| {
                t.fields
                    .iter()
                    .filter(|r| r.name != "sign" && r.name != "sign_type")
                    .map(|r| plan.field(r, true))
                    .collect::<Vec<Field>>()
            })
        };
        let (notify, return_) = (table(&spec.notify), table(&spec.return_));
        plan.notify = notify;
        plan.return_ = return_;
        plan
    }

    fn field(&mut self, row: &Row, request: bool) -> Field {
        let (ident, rename) = rust_field_name(&row.name);
        let inner = if row.values.is_empty() {
            let ty = infer_type(row);
            if ty != "String" && ty != "u32" && ty != "u64" {
                self.types.insert(ty);
            }
            ty.to_owned()
        } else {
            self.enum_for(row)
        };
        let ty = if row.nullable == Some(true) {
            format!("Option<{inner}>")
        } else {
            inner
        };
        let doc = match (&row.note, &row.meaning, &row.label) {
            (Some(note), _, _) => note.lines().map(str::trim_end).map(str::to_owned).collect(),
            (None, Some(text), _) | (None, None, Some(text)) => {
                text.lines().map(str::trim_end).map(str::to_owned).collect()
            }
            (None, None, None) => vec![format!("`{}`.", row.name)],
        };
        Field {
            ident,
            rename,
            ty,
            label: row.label.clone(),
            column: row.ty.clone(),
            example: row.example.clone(),
            secret: request && row.secret,
            doc,
        }
    }

    /// A response row's field; a row with `records` is `Records<T>`, `T` a record struct planned
    /// here from the records' table.
    fn response_field(&mut self, row: &Row) -> Field {
        let mut field = self.field(row, false);
        if let Some(table) = &row.records {
            let name = camel(&table.element, "Record");
            let fields = table
                .fields
                .iter()
                .map(|r| self.response_field(r))
                .collect();
            self.records.push(Record {
                name: name.clone(),
                element: table.element.clone(),
                row: row.name.clone(),
                fields,
            });
            self.types.insert("Records");
            field.ty = if row.nullable == Some(true) {
                format!("Option<Records<{name}>>")
            } else {
                format!("Records<{name}>")
            };
            // The derive checks an example only for the types it knows.
            field.example = None;
        }
        field
    }

    /// The enum for a row with a closed set: one per name and set, shared by equal rows.
    fn enum_for(&mut self, row: &Row) -> String {
        let base = camel(&row.name, "Value");
        if let Some(e) = self
            .enums
            .iter()
            .find(|e| e.row == row.name && e.values == row.values)
        {
            return e.name.clone();
        }
        let taken = |name: &str, plan: &Plan| {
            plan.enums.iter().any(|e| e.name == name)
                || RESERVED_TYPES.contains(&name)
                || name == plan.request
                || plan.response.as_deref() == Some(name)
                || plan.records.iter().any(|r| r.name == name)
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name, self) {
            name = format!("{base}{n}");
            n += 1;
        }
        let first_line = |text: &Option<String>| {
            text.as_deref()
                .and_then(|t| t.lines().next())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let doc = match (&row.label, first_line(&row.note), first_line(&row.meaning)) {
            (Some(label), Some(text), _) => format!("{label} (`{}`): {text}", row.name),
            (Some(label), None, _) => format!("{label} (`{}`)", row.name),
            (None, Some(text), _) | (None, None, Some(text)) => format!("`{}`: {text}", row.name),
            (None, None, None) => format!("`{}`", row.name),
        };
        self.enums.push(Enum {
            row: row.name.clone(),
            name: name.clone(),
            doc,
            values: row.values.clone(),
        });
        name
    }

    fn render(&self, runtime: &str) -> String {
        let spec = self.spec;
        let mut out = String::new();
        let title = title_suffix(spec);
        let _ = writeln!(
            out,
            "//! `{}`{title}: scaffolded from its spec by `alipay_spec::scaffold`.",
            spec.service
        );
        out.push_str(
            "//!\n\
             //! The spec does not say, so review: the method (`POST` here), whether a repeat is safe\n\
             //! (`idempotent`, `conflict = \"CODE\"`), the cross-field rules (`required_if`, `relation`,\n\
             //! `custom`) and what the codes the shared table does not know mean.\n\n",
        );
        self.render_uses(&mut out, runtime);
        for e in &self.enums {
            render_enum(&mut out, runtime, e);
        }
        self.render_request(&mut out, runtime);
        if let Some(name) = &self.response {
            self.render_response(&mut out, name);
        }
        for r in &self.records {
            let _ = writeln!(
                out,
                "\n/// One `<{}>` record of `{}`'s `{}`.",
                r.element, spec.service, r.row
            );
            out.push_str("#[derive(Clone, Debug, PartialEq, Eq, Response)]\n");
            out.push_str(&attribute(0, &[format!("element = {}", quote(&r.element))]));
            render_struct(&mut out, &r.name, &r.fields);
        }
        for (kind, table, what) in [
            (
                "notify",
                &self.notify,
                "asynchronous notification (服务器异步通知参数)",
            ),
            (
                "return",
                &self.return_,
                "synchronous return (页面跳转同步通知参数)",
            ),
        ] {
            if let Some(fields) = table {
                self.render_notification(&mut out, kind, what, fields);
            }
        }
        if !spec.errors.is_empty() {
            render_errors(&mut out, &spec.service, &spec.errors);
        }
        out
    }

    /// The `use` lines, in rustfmt's order (`alipay_core::Request` sorts before the modules,
    /// `alipay_core::{…}` after them).
    fn render_uses(&self, out: &mut String, runtime: &str) {
        let mut derives = vec!["Request"];
        if self.response.is_some() {
            derives.push("Response");
        }
        if self.notify.is_some() || self.return_.is_some() {
            derives.insert(0, "Notification");
        }
        if derives.len() == 1 {
            let _ = writeln!(out, "use {runtime}::Request;");
        }
        let errors = &self.spec.errors;
        if !errors.is_empty() {
            if errors.iter().any(needs_kind) {
                let _ = writeln!(out, "use {runtime}::error::{{CodeSpec, ErrorKind}};");
            } else {
                let _ = writeln!(out, "use {runtime}::error::CodeSpec;");
            }
        }
        match self.types.len() {
            0 => {}
            1 => {
                let _ = writeln!(
                    out,
                    "use {runtime}::types::{};",
                    self.types.iter().copied().collect::<String>()
                );
            }
            _ => {
                let list: Vec<&str> = self.types.iter().copied().collect();
                let _ = writeln!(out, "use {runtime}::types::{{{}}};", list.join(", "));
            }
        }
        if derives.len() > 1 {
            let _ = writeln!(out, "use {runtime}::{{{}}};", derives.join(", "));
        }
        out.push('\n');
    }

    /// A `#[derive(Notification)]` struct for a notification or return table.
    fn render_notification(&self, out: &mut String, kind: &str, what: &str, fields: &[Field]) {
        let spec = self.spec;
        let name = format!(
            "{}{}",
            self.request,
            if kind == "notify" { "Notify" } else { "Return" }
        );
        let _ = writeln!(out, "\n/// The {what} of `{}`.", spec.service);
        out.push_str("#[derive(Clone, PartialEq, Eq, Notification)]\n");
        let args = [
            format!("service = {}", quote(&spec.service)),
            format!("kind = {}", quote(kind)),
        ];
        out.push_str(&attribute(0, &args));
        render_struct(out, &name, fields);
    }

    fn render_request(&self, out: &mut String, runtime: &str) {
        let spec = self.spec;
        let title = title_suffix(spec);
        let _ = writeln!(out, "/// The request of `{}`{title}.", spec.service);
        out.push_str("#[derive(Clone, PartialEq, Eq, Request)]\n");
        let mut args = vec![format!("service = {}", quote(&spec.service))];
        if spec.is_page() {
            args.push("page".to_owned());
        } else {
            let text = spec.response.as_ref().map_or(&[][..], |t| &t.text[..]);
            let response = if text.is_empty() {
                self.response.clone().unwrap_or_else(|| "()".to_owned())
            } else if text == ["true", "false", "invalid"] {
                // notify_verify's words: the core's answer type reads them.
                format!("{runtime}::notify::NotifyVerify")
            } else {
                let _ = writeln!(
                    out,
                    "// A plain-text answer ({}): implement `alipay_core::Response` with `TEXT` and\n\
                     // `from_text` for a type of yours (as `alipay_core::notify::NotifyVerify` does)\n\
                     // and name it here instead of `()`.",
                    text.join(", ")
                );
                "()".to_owned()
            };
            args.push(format!("response = {response}"));
        }
        args.push("method = POST".to_owned());
        if !spec.errors.is_empty() {
            args.push("error_codes = ERROR_CODES".to_owned());
        }
        for group in &spec.one_of {
            let names: Vec<String> = group
                .iter()
                .map(|wire| {
                    self.params
                        .iter()
                        .find(|f| f.rename.as_deref().unwrap_or(unraw(&f.ident)) == wire)
                        .map_or_else(|| wire.clone(), |f| f.ident.clone())
                })
                .collect();
            args.push(format!("one_of({})", names.join(", ")));
        }
        out.push_str(&attribute(0, &args));
        render_struct(out, &self.request, &self.params);
    }

    fn render_response(&self, out: &mut String, name: &str) {
        let spec = self.spec;
        let element = spec
            .response
            .as_ref()
            .map(|t| t.element.as_str())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n/// The `<{element}>` payload of a successful `{}` response.",
            spec.service
        );
        out.push_str("#[derive(Clone, Debug, PartialEq, Eq, Response)]\n");
        out.push_str(&attribute(0, &[format!("element = {}", quote(element))]));
        render_struct(out, name, &self.fields);
    }
}

/// ` (title)` when the spec has a title.
fn title_suffix(spec: &Spec) -> String {
    if spec.title.is_empty() {
        String::new()
    } else {
        format!(" ({})", spec.title)
    }
}

fn render_struct(out: &mut String, name: &str, fields: &[Field]) {
    let _ = writeln!(out, "pub struct {name} {{");
    for f in fields {
        if f.doc.iter().all(|l| l.trim().is_empty()) {
            out.push_str("    #[allow(missing_docs)] // 备注 is empty in the table: the doc comment is the note.\n");
        }
        for line in &f.doc {
            if line.is_empty() {
                out.push_str("    ///\n");
            } else {
                let _ = writeln!(out, "    /// {line}");
            }
        }
        let mut args = Vec::new();
        if let Some(wire) = &f.rename {
            args.push(format!("name = {}", quote(wire)));
        }
        if let Some(label) = &f.label {
            args.push(format!("label = {}", quote(label)));
        }
        if let Some(column) = &f.column {
            args.push(format!("ty = {}", quote(column)));
        }
        if f.secret {
            args.push("secret".to_owned());
        }
        if let Some(example) = &f.example {
            args.push(format!("example = {}", quote(example)));
        }
        if !args.is_empty() {
            out.push_str(&attribute(4, &args));
        }
        let _ = writeln!(out, "    pub {}: {},", f.ident, f.ty);
    }
    out.push_str("}\n");
}

fn render_enum(out: &mut String, runtime: &str, e: &Enum) {
    let _ = writeln!(out, "{runtime}::wire_enum! {{");
    let _ = writeln!(out, "    /// {}", e.doc);
    let _ = writeln!(out, "    pub enum {} {{", e.name);
    let mut used: Vec<String> = Vec::new();
    for value in &e.values {
        let base = variant_name(value);
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        let _ = writeln!(out, "        /// `{value}`.");
        let _ = writeln!(out, "        {name} = {},", quote(value));
        used.push(name);
    }
    out.push_str("    }\n}\n\n");
}

/// Whether an error row declares a kind (its spec's, or `Caller` for a code the shared table does
/// not know, which must declare kind, meaning and advice).
fn needs_kind(e: &ErrorRow) -> bool {
    e.kind.is_some() || !ErrorCode::from_code(&e.code).is_known()
}

fn render_errors(out: &mut String, service: &str, errors: &[ErrorRow]) {
    let _ = writeln!(
        out,
        "\n/// The error codes of `{service}`, in the order of its error table."
    );
    let items: Vec<Vec<String>> = errors.iter().map(error_chain).collect();
    let head = "pub const ERROR_CODES: &[CodeSpec] = &[";
    let flat: Vec<String> = items.iter().map(|chain| chain.concat()).collect();
    let one_line = flat.join(", ");
    if items.iter().all(|c| c.len() == 1)
        && width(&one_line) <= ARRAY_WIDTH
        && width(head) + width(&one_line) + 2 <= MAX_WIDTH
    {
        let _ = writeln!(out, "{head}{one_line}];");
        return;
    }
    let _ = writeln!(out, "{head}");
    for chain in &items {
        out.push_str(&render_chain(4, chain));
        out.push_str(",\n");
    }
    out.push_str("];\n");
}

/// A row of `ERROR_CODES` as a chain: `CodeSpec::new(…)`, then `.kind(…)`, `.meaning(…)`,
/// `.advice(…)` as needed.
fn error_chain(e: &ErrorRow) -> Vec<String> {
    let text = e.text.as_deref().unwrap_or_default();
    let mut chain = vec![format!(
        "CodeSpec::new({}, {})",
        quote(&e.code),
        quote(text)
    )];
    // A code the shared table does not know says what it is here: the spec's kind, meaning and
    // advice where it gives them, else `Caller`, the document's text and a pointer to the document.
    let known = ErrorCode::from_code(&e.code).is_known();
    let kind = match e.kind.as_deref() {
        Some(kind) => Some(kind_path(kind)),
        None if !known => Some("Caller"),
        None => None,
    };
    if let Some(kind) = kind {
        chain.push(format!(".kind(ErrorKind::{kind})"));
    }
    let meaning = match &e.meaning {
        Some(meaning) => Some(meaning.clone()),
        None if known => None,
        None if text.is_empty() => Some(format!("`{}`: see the service's documentation.", e.code)),
        None => Some(text.to_owned()),
    };
    if let Some(meaning) = meaning {
        chain.push(format!(".meaning({})", quote(&meaning)));
    }
    let advice = match &e.advice {
        Some(advice) => Some(advice.as_str()),
        None if known => None,
        None => Some("See the service's documentation."),
    };
    if let Some(advice) = advice {
        chain.push(format!(".advice({})", quote(advice)));
    }
    chain
}

/// The `ErrorKind` variant of a spec's kind name (`caller` for a name it does not know).
fn kind_path(kind: &str) -> &'static str {
    match kind {
        "retry" => "Retry",
        "query_trade_state" => "QueryTradeState",
        "configuration" => "Configuration",
        "unknown" => "Unknown",
        _ => "Caller",
    }
}

/// A chain at `indent`: on one line when it fits, else one element a line.
fn render_chain(indent: usize, chain: &[String]) -> String {
    let pad = " ".repeat(indent);
    let flat = chain.concat();
    if chain.len() == 1 {
        return call(indent, &chain[0]);
    }
    // rustfmt: a chain of one call after its parent fits when the line does; a longer one only
    // within the chain width. Each call keeps to the call width.
    let budget = if chain.len() == 2 {
        MAX_WIDTH
    } else {
        CHAIN_WIDTH + indent + 1
    };
    let calls_fit = chain.iter().all(|c| !call(0, c).contains('\n'));
    if calls_fit && indent + width(&flat) < budget {
        return format!("{pad}{flat}");
    }
    let mut out = call(indent, &chain[0]);
    let multi_line_head = out.contains('\n');
    let inner = if multi_line_head { indent } else { indent + 4 };
    for element in &chain[1..] {
        out.push('\n');
        out.push_str(&call(inner, element));
    }
    out
}

/// A call `f(a, b)` (or `.f(a, b)`) at `indent`, its arguments on their own lines when they do not
/// fit; the arguments are string literals or paths (no comma inside but between them).
fn call(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    let Some(open) = text.find('(') else {
        return format!("{pad}{text}");
    };
    let (head, rest) = text.split_at(open + 1);
    let Some(args_text) = rest.strip_suffix(')') else {
        return format!("{pad}{text}");
    };
    let args = split_args(args_text);
    // The trailing `,` or `;` after the call counts too.
    if width(args_text) <= CALL_WIDTH && indent + width(text) < MAX_WIDTH {
        return format!("{pad}{text}");
    }
    let mut out = format!("{pad}{head}\n");
    for arg in &args {
        let _ = writeln!(out, "{pad}    {arg},");
    }
    let _ = write!(out, "{pad})");
    out
}

/// Splits call arguments at the commas outside string literals.
fn split_args(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ',' if !in_string => {
                args.push(current.trim().to_owned());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        args.push(current.trim().to_owned());
    }
    args
}

/// `#[alipay(…)]` at `indent`: on one line when it fits, else one argument a line.
fn attribute(indent: usize, args: &[String]) -> String {
    let pad = " ".repeat(indent);
    let joined = args.join(", ");
    let line = format!("{pad}#[alipay({joined})]");
    if width(&joined) <= ATTR_WIDTH && width(&line) <= MAX_WIDTH {
        return format!("{line}\n");
    }
    let mut out = format!("{pad}#[alipay(\n");
    for (i, arg) in args.iter().enumerate() {
        let comma = if i + 1 < args.len() { "," } else { "" };
        let _ = writeln!(out, "{pad}    {arg}{comma}");
    }
    let _ = writeln!(out, "{pad})]");
    out
}

/// The display width rustfmt measures lines in (a CJK character is two columns).
fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// A Rust string literal.
fn quote(text: &str) -> String {
    format!("{text:?}")
}

/// The Rust type of a row without a closed set, from its name and example (see the module docs).
fn infer_type(row: &Row) -> &'static str {
    let Some(example) = row.example.as_deref() else {
        return "String";
    };
    let name = row.name.to_ascii_lowercase();
    let digits = !example.is_empty() && example.bytes().all(|b| b.is_ascii_digit());
    let money = example.split_once('.').is_some_and(|(yuan, fen)| {
        !yuan.is_empty()
            && yuan.bytes().all(|b| b.is_ascii_digit())
            && fen.len() == 2
            && fen.bytes().all(|b| b.is_ascii_digit())
    });
    let count = name.ends_with("_num")
        || name.ends_with("_days")
        || name.ends_with("_count")
        || ["num", "count", "quantity", "days"].contains(&name.as_str());
    if money && round_trips::<Amount>(example) {
        "Amount"
    } else if digits && example.len() == 14 && plausible_compact_time(example) {
        "CompactTime"
    } else if example.len() == 19 && round_trips::<DateTime>(example) {
        "DateTime"
    } else if (name == "url" || name.ends_with("_url")) && round_trips::<HttpUrl>(example) {
        "HttpUrl"
    } else if (name == "timestamp" || name.ends_with("_timestamp"))
        && example.len() == 13
        && round_trips::<TimestampMillis>(example)
    {
        "TimestampMillis"
    } else if digits && count && round_trips::<u32>(example) {
        "u32"
    } else if digits && count && round_trips::<u64>(example) {
        "u64"
    } else {
        "String"
    }
}

/// The example parses as `T` and `T` writes it back unchanged (the derive compares the two).
fn round_trips<T: WireValue>(example: &str) -> bool {
    T::parse_wire(example).is_ok_and(|v| v.to_wire() == example)
}

/// 14 digits of a valid time between 1970 and 2099 (an id of 14 digits rarely is one).
fn plausible_compact_time(example: &str) -> bool {
    let year_ok = example
        .get(..4)
        .and_then(|y| y.parse::<u32>().ok())
        .is_some_and(|y| (1970..=2099).contains(&y));
    year_ok && round_trips::<CompactTime>(example)
}

/// Rust's keywords (2024 edition), reserved ones included.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The Rust field name of a wire name, and the wire name when the derive cannot take it from the
/// field name (`name = "…"`): snake case, `r#` before a keyword, `_` after one that cannot be raw.
fn rust_field_name(wire: &str) -> (String, Option<String>) {
    let mut snake = snake(wire);
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    let ident = if KEYWORDS.contains(&snake.as_str()) {
        if ["self", "Self", "super", "crate"].contains(&snake.as_str()) {
            snake.push('_');
            snake.clone()
        } else {
            format!("r#{snake}")
        }
    } else {
        snake.clone()
    };
    let rename = (snake != wire).then(|| wire.to_owned());
    (ident, rename)
}

fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// `tradeBase` → `trade_base`, `goods-id` → `goods_id`.
fn snake(text: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            out.push('_');
            prev_lower = false;
        }
    }
    out
}

/// `sns.create.goods.ws` → `SnsCreateGoodsWs`, `tradeBase` → `TradeBase`; `fallback` for a text
/// without letters or digits; a leading digit gets a `V`.
fn camel(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for piece in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        return fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// A variant name for a wire value: `B` → `B`, `WAIT_BUYER_PAY` → `WaitBuyerPay`, `8` → `V8`,
/// `utf-8` → `Utf8`.
fn variant_name(value: &str) -> String {
    let mut out = String::new();
    for piece in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        return "Value".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{camel, rust_field_name, variant_name};

    #[test]
    fn names() {
        assert_eq!(camel("sns.create.goods.ws", "S"), "SnsCreateGoodsWs");
        assert_eq!(camel("close_trade", "S"), "CloseTrade");
        assert_eq!(camel("tradeBase", "S"), "TradeBase");
        assert_eq!(variant_name("B"), "B");
        assert_eq!(variant_name("8"), "V8");
        assert_eq!(variant_name("WAIT_BUYER_PAY"), "WaitBuyerPay");
        assert_eq!(variant_name("utf-8"), "Utf8");
        assert_eq!(rust_field_name("type"), ("r#type".to_owned(), None));
        assert_eq!(rust_field_name("trade_no"), ("trade_no".to_owned(), None));
        assert_eq!(
            rust_field_name("tradeNo"),
            ("trade_no".to_owned(), Some("tradeNo".to_owned()))
        );
        assert_eq!(
            rust_field_name("self"),
            ("self_".to_owned(), Some("self".to_owned()))
        );
    }
}
