//! Parsing of `#[alipay(...)]` attributes into what was written (no cross-field checks here).
//!
//! Every keyword may appear once (see [`Attr`]), except the repeatable rules (`one_of`,
//! `required_if`, `relation`, `custom`). A bad key or value is recorded in the [`Ctxt`] and parsing
//! continues with the next key, so one compile shows every mistake.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Ident, LitInt, LitStr, Token};

use super::ctxt::Ctxt;
use super::symbol::{self, Symbol};

/// One keyword that may be given at most once.
pub(crate) struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    pub(crate) fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr {
            cx,
            name,
            value: None,
        }
    }

    /// Sets the value; a second `set` is a "duplicate" error spanning `obj`.
    pub(crate) fn set<A: ToTokens>(&mut self, obj: A, value: T) {
        if self.value.is_some() {
            self.cx.error_spanned_by(
                obj,
                format!(
                    "duplicate `{}` key: each key may be given once; remove this one",
                    self.name
                ),
            );
        } else {
            self.value = Some(value);
        }
    }

    pub(crate) fn get(self) -> Option<T> {
        self.value
    }
}

/// `GET` or `POST`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
}

/// `relation(a <= b)` operators.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl RelOp {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RelOp::Lt => "<",
            RelOp::Le => "<=",
            RelOp::Gt => ">",
            RelOp::Ge => ">=",
            RelOp::Eq => "==",
            RelOp::Ne => "!=",
        }
    }
}

/// `one_of(a, b, …)`: at least one of the parameters must be present.
pub(crate) struct OneOf {
    pub(crate) span: Span,
    pub(crate) fields: Vec<Ident>,
}

/// One target of `required_if`: `who_pay` or `flow_fee > 0`.
pub(crate) struct Target {
    pub(crate) field: Ident,
    pub(crate) positive: bool,
}

/// `required_if(flow_type = "1" | "2", flow_fee > 0, who_pay)`.
pub(crate) struct RequiredIf {
    pub(crate) when: Ident,
    pub(crate) values: Vec<LitStr>,
    pub(crate) targets: Vec<Target>,
}

/// `relation(buy_max_num <= goods_total_num)`.
pub(crate) struct Relation {
    pub(crate) left: Ident,
    pub(crate) op: RelOp,
    pub(crate) right: Ident,
    /// The whole `a <= b`, for type errors on the comparison.
    pub(crate) tokens: TokenStream,
}

/// `count(batch_num = detail_data)`: a parameter that states how many items a list parameter
/// holds; `total(batch_fee = detail_data.amount)`: one that states the sum of a field of its items.
pub(crate) struct Tally {
    /// The stating parameter (`batch_num`, `batch_fee`).
    pub(crate) stated: Ident,
    /// The list parameter (`detail_data`).
    pub(crate) list: Ident,
    /// For `total`: the items' amount field (`amount`).
    pub(crate) field: Option<Ident>,
    /// The whole `a = b.c`, for errors.
    pub(crate) tokens: TokenStream,
}

/// Container attributes of `#[derive(Request)]`, as written.
pub(crate) struct RequestAttrs {
    pub(crate) service: Option<LitStr>,
    pub(crate) response: Option<syn::Type>,
    pub(crate) method: Method,
    pub(crate) one_of: Vec<OneOf>,
    pub(crate) required_if: Vec<RequiredIf>,
    pub(crate) relations: Vec<Relation>,
    /// `count(..)` and `total(..)`, in declaration order.
    pub(crate) tallies: Vec<Tally>,
    pub(crate) custom: Vec<syn::Path>,
    /// `crate = "path"`: where the runtime (`alipay_core`) is reached from the declaring crate.
    pub(crate) krate: Option<syn::Path>,
    /// `idempotent` or `conflict = "CODE"`.
    pub(crate) repeat: Option<Repeat>,
    /// `identifies(a, b)`: the parameters a response must echo unchanged when it carries them.
    pub(crate) identifies: Vec<OneOf>,
    /// `error_codes = PATH`: the service's error table (a `&[CodeSpec]` const).
    pub(crate) error_codes: Option<syn::Path>,
    /// `page`: a page service (the buyer's browser carries it), not an API service.
    pub(crate) page: Option<Span>,
    /// `spec = "specs/x.toml"`: the spec file the request is held to while compiling.
    pub(crate) spec: Option<LitStr>,
}

/// What a repeat of the request means (`idempotent`, `conflict = "CODE"`).
#[derive(Clone)]
pub(crate) enum Repeat {
    Idempotent,
    Conflict(LitStr),
}

/// Container attributes of `#[derive(Response)]`, as written.
pub(crate) struct ResponseAttrs {
    pub(crate) element: Option<LitStr>,
    /// `crate = "path"`, as for requests.
    pub(crate) krate: Option<syn::Path>,
}

/// Field attributes, as written.
#[derive(Clone, Default)]
pub(crate) struct FieldAttrs {
    pub(crate) name: Option<LitStr>,
    pub(crate) label: Option<LitStr>,
    pub(crate) ty: Option<LitStr>,
    pub(crate) max_len: Option<LitInt>,
    pub(crate) example: Option<LitStr>,
    pub(crate) secret: Option<Span>,
    pub(crate) custom: Vec<syn::Path>,
    /// The `///` comment, one entry per line.
    pub(crate) doc: String,
}

/// Container attributes of `#[derive(Notification)]`, as written.
pub(crate) struct NotificationAttrs {
    /// `service = "…"`: the service whose document has the table (documentation, listings).
    pub(crate) service: Option<LitStr>,
    /// `kind = "notify" | "return"`.
    pub(crate) kind: Option<LitStr>,
    /// `spec = "specs/x.toml"`: the spec whose notify or return table the struct is held to.
    pub(crate) spec: Option<LitStr>,
    /// `crate = "path"`, as for requests.
    pub(crate) krate: Option<syn::Path>,
}

/// Which derive is reading the attributes: decides which keys are allowed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derive {
    Request,
    Response,
    Notification,
}

const REQUEST_KEYS: &str = "`service`, `response`, `method`, `page`, `spec`, `error_codes`, `idempotent`, `conflict`, `identifies(..)`, `one_of(..)`, `required_if(..)`, `relation(..)`, `count(..)`, `total(..)`, `custom`, `crate`";
const RESPONSE_KEYS: &str = "`element`, `crate`";
const NOTIFICATION_KEYS: &str = "`kind`, `service`, `spec`, `crate`";
const REQUEST_FIELD_KEYS: &str = "`name`, `label`, `ty`, `max_len`, `example`, `secret`, `custom`";
const RESPONSE_FIELD_KEYS: &str = "`name`, `label`, `ty`, `example`";

/// Consumes the rest of a key's value, up to the next top-level comma.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// Runs `logic` on every key of every `#[alipay(...)]` in `attrs`; key errors are recorded and the
/// next key is read, syntax errors end that attribute.
fn for_each_key(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut logic: impl FnMut(&ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs {
        if attr.path() != symbol::ALIPAY {
            continue;
        }
        if let syn::Meta::List(list) = &attr.meta
            && list.tokens.is_empty()
        {
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            if let Err(err) = logic(&meta) {
                cx.syn_error(err);
                skip_value(meta.input)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
}

fn unknown_key(meta: &ParseNestedMeta, expected: &str) -> syn::Error {
    let path = meta.path.to_token_stream().to_string().replace(' ', "");
    let hint = hint(&path, expected)
        .map(|h| format!("; {h}"))
        .unwrap_or_default();
    meta.error(format!(
        "unknown key `{path}` in `#[alipay(..)]`: expected one of {expected}{hint}"
    ))
}

/// What an unknown key probably meant: a spec column written under its own name, or a near-miss
/// of an expected key (`expected` is the list shown in the error, keys in backticks).
fn hint(key: &str, expected: &str) -> Option<String> {
    let known = |k: &str| expected.contains(&format!("`{k}`"));
    let column = match key {
        "nullable" | "optional" | "required" | "nullability" => {
            Some("可空 is the field's type: `Option<T>` for Y, `T` for N")
        }
        "length" | "len" | "max_length" | "maxlen" | "size" if known("max_len") => {
            Some("a length is `ty = \"String(N)\"` (the 类型 column), or `max_len = N` without one")
        }
        "type" | "typ" | "kind" if known("ty") => {
            Some("the 类型(精度) column is `ty = \"String(64)\"`")
        }
        "note" | "notes" | "remark" | "comment" | "doc" => {
            Some("备注 is the field's doc comment (`/// …`)")
        }
        "sample" | "samples" if known("example") => Some("the 样例 column is `example = \"…\"`"),
        "desc" | "description" | "title" if known("label") => {
            Some("the 参数说明 column is `label = \"…\"`")
        }
        "rename" | "wire" | "param" if known("name") => Some("the wire name is `name = \"…\"`"),
        "values" | "one_of_values" | "allowed" | "enum" => {
            Some("a closed set of values is the field's type: declare it with `wire_enum!`")
        }
        "element" | "tag" if known("response") => Some(
            "`element` belongs on the response struct; a request names it with `response = Type`",
        ),
        _ => None,
    };
    if let Some(column) = column {
        return Some(column.to_owned());
    }
    let nearest = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| k.trim_end_matches("(..)"))
        .map(|k| (distance(key, k), k))
        .filter(|&(d, k)| d <= 2 && d < k.len())
        .min()?;
    Some(format!("did you mean `{}`?", nearest.1))
}

/// Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short keys.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// `crate = "path::to::alipay_core"`.
fn parse_crate(meta: &ParseNestedMeta) -> syn::Result<syn::Path> {
    let lit = lit_str(meta, symbol::CRATE, "\"alipay::core\"")?;
    lit.parse::<syn::Path>().map_err(|_| {
        syn::Error::new(
            lit.span(),
            "`crate` takes the path of the runtime crate as a string: write `crate = \"alipay::core\"`",
        )
    })
}

fn lit_str(meta: &ParseNestedMeta, key: Symbol, example: &str) -> syn::Result<LitStr> {
    let input = meta
        .value()
        .map_err(|_| meta.error(format!("`{key}` takes a string: write `{key} = {example}`")))?;
    let expr: syn::Expr = input.parse()?;
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Ok(s),
        other => Err(syn::Error::new_spanned(
            other,
            format!("`{key}` takes a string literal: write `{key} = {example}`"),
        )),
    }
}

fn flag(meta: &ParseNestedMeta, key: Symbol) -> syn::Result<Span> {
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        Ok(meta.path.span())
    } else {
        Err(meta.error(format!(
            "`{key}` is a flag and takes no value: write just `{key}`"
        )))
    }
}

/// Parses a comma-separated list of field names inside parentheses.
fn ident_list(meta: &ParseNestedMeta, key: Symbol) -> syn::Result<Vec<Ident>> {
    let how = format!("`{key}` takes a list of fields: write `{key}(field_a, field_b)`");
    in_parens(meta, &how, |content| {
        let list = content.parse_terminated(Ident::parse_any, Token![,])?;
        Ok(list.into_iter().collect())
    })
}

/// Parses the parenthesized content of a rule with `parse`; on error the rest of the content is
/// consumed, so syn does not add an "unexpected token" error after ours.
fn in_parens<T>(
    meta: &ParseNestedMeta,
    how: &str,
    parse: impl FnOnce(ParseStream) -> syn::Result<T>,
) -> syn::Result<T> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(how));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let result = parse(&content);
    if result.is_err() {
        while !content.is_empty() {
            content.parse::<TokenTree>()?;
        }
    }
    result
}

const REQUIRED_IF_HOW: &str = "write `required_if(flow_type = \"1\" | \"2\", flow_fee > 0, who_pay)`: \
                               a condition `field = \"value\" | …`, then the fields it makes required";

const RELATION_HOW: &str =
    "write `relation(buy_max_num <= goods_total_num)` with one of `<`, `<=`, `>`, `>=`, `==`, `!=`";

fn parse_required_if(meta: &ParseNestedMeta) -> syn::Result<RequiredIf> {
    let span = meta.path.span();
    in_parens(meta, REQUIRED_IF_HOW, |content| {
        parse_required_if_content(content, span)
    })
}

fn parse_required_if_content(content: ParseStream, span: Span) -> syn::Result<RequiredIf> {
    const HOW: &str = REQUIRED_IF_HOW;
    let when = content.call(Ident::parse_any)?;
    if !content.peek(Token![=]) || content.peek(Token![==]) {
        return Err(syn::Error::new(content.span(), HOW));
    }
    content.parse::<Token![=]>()?;
    let mut values = vec![content.parse::<LitStr>()?];
    while content.peek(Token![|]) {
        content.parse::<Token![|]>()?;
        values.push(content.parse::<LitStr>()?);
    }
    let mut targets = Vec::new();
    while !content.is_empty() {
        content.parse::<Token![,]>()?;
        if content.is_empty() {
            break;
        }
        let field = content.call(Ident::parse_any)?;
        let mut positive = false;
        if content.peek(Token![>=]) || content.peek(Token![<]) || content.peek(Token![==]) {
            return Err(syn::Error::new(
                content.span(),
                "`required_if` supports only `> 0` after a field; use `custom = path` for other bounds",
            ));
        }
        if content.peek(Token![>]) {
            content.parse::<Token![>]>()?;
            let zero: LitInt = content.parse()?;
            if zero.base10_digits() != "0" {
                return Err(syn::Error::new(
                    zero.span(),
                    "`required_if` supports only `> 0`; use `custom = path` for other bounds",
                ));
            }
            positive = true;
        }
        targets.push(Target { field, positive });
    }
    if targets.is_empty() {
        return Err(syn::Error::new(span, HOW));
    }
    Ok(RequiredIf {
        when,
        values,
        targets,
    })
}

const COUNT_HOW: &str = "write `count(batch_num = detail_data)`: the parameter that states how many items the list parameter holds";
const TOTAL_HOW: &str = "write `total(batch_fee = detail_data.amount)`: the parameter that states the sum of the items' amount field";

/// `count(a = list)` (`total` false) or `total(a = list.field)` (`total` true).
fn parse_tally(meta: &ParseNestedMeta, total: bool) -> syn::Result<Tally> {
    let how = if total { TOTAL_HOW } else { COUNT_HOW };
    in_parens(meta, how, |content| {
        let tokens: TokenStream = content.fork().parse()?;
        let stated = content.call(Ident::parse_any)?;
        content
            .parse::<Token![=]>()
            .map_err(|e| syn::Error::new(e.span(), how))?;
        let list = content.call(Ident::parse_any)?;
        let field = if total {
            content
                .parse::<Token![.]>()
                .map_err(|e| syn::Error::new(e.span(), how))?;
            Some(content.call(Ident::parse_any)?)
        } else {
            None
        };
        if !content.is_empty() {
            return Err(syn::Error::new(content.span(), how));
        }
        Ok(Tally {
            stated,
            list,
            field,
            tokens,
        })
    })
}

fn parse_relation(meta: &ParseNestedMeta) -> syn::Result<Relation> {
    in_parens(meta, RELATION_HOW, parse_relation_content)
}

fn parse_relation_content(content: ParseStream) -> syn::Result<Relation> {
    const HOW: &str = RELATION_HOW;
    let tokens: TokenStream = content.fork().parse()?;
    let left = content.call(Ident::parse_any)?;
    let op = if content.peek(Token![<=]) {
        content.parse::<Token![<=]>()?;
        RelOp::Le
    } else if content.peek(Token![>=]) {
        content.parse::<Token![>=]>()?;
        RelOp::Ge
    } else if content.peek(Token![==]) {
        content.parse::<Token![==]>()?;
        RelOp::Eq
    } else if content.peek(Token![!=]) {
        content.parse::<Token![!=]>()?;
        RelOp::Ne
    } else if content.peek(Token![<]) {
        content.parse::<Token![<]>()?;
        RelOp::Lt
    } else if content.peek(Token![>]) {
        content.parse::<Token![>]>()?;
        RelOp::Gt
    } else {
        return Err(syn::Error::new(content.span(), HOW));
    };
    let right = content.call(Ident::parse_any)?;
    if !content.is_empty() {
        return Err(syn::Error::new(content.span(), HOW));
    }
    Ok(Relation {
        left,
        op,
        right,
        tokens,
    })
}

fn parse_path_value(meta: &ParseNestedMeta, key: Symbol, example: &str) -> syn::Result<syn::Path> {
    let input = meta.value().map_err(|_| {
        meta.error(format!(
            "`{key}` takes a function path: write `{key} = {example}`"
        ))
    })?;
    input.parse::<syn::Path>()
}

impl RequestAttrs {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut service = Attr::none(cx, symbol::SERVICE);
        let mut response = Attr::none(cx, symbol::RESPONSE);
        let mut method = Attr::none(cx, symbol::METHOD);
        let mut one_of = Vec::new();
        let mut required_if = Vec::new();
        let mut relations = Vec::new();
        let mut tallies = Vec::new();
        let mut custom = Vec::new();
        let mut krate = Attr::none(cx, symbol::CRATE);
        let mut identifies = Vec::new();
        let mut error_codes = Attr::none(cx, symbol::ERROR_CODES);
        let mut page = Attr::none(cx, symbol::PAGE);
        let mut spec = Attr::none(cx, symbol::SPEC);
        let mut repeat: Option<Repeat> = None;
        let mut set_repeat = |meta: &ParseNestedMeta, value: Repeat| {
            if repeat.replace(value).is_some() {
                return Err(meta.error(
                    "`idempotent` and `conflict` are given once, and not together: a service is idempotent, or declares the code that refuses a repeat",
                ));
            }
            Ok(())
        };
        for_each_key(cx, attrs, |meta| {
            if meta.path == symbol::CRATE {
                krate.set(&meta.path, parse_crate(meta)?);
            } else if meta.path == symbol::ERROR_CODES {
                let path = parse_path_value(meta, symbol::ERROR_CODES, "ERROR_CODES")
                    .map_err(|_| {
                        meta.error(
                            "`error_codes` names the service's error table, a `&[CodeSpec]` const: write `error_codes = ERROR_CODES`",
                        )
                    })?;
                error_codes.set(&meta.path, path);
            } else if meta.path == symbol::SPEC {
                spec.set(
                    &meta.path,
                    lit_str(meta, symbol::SPEC, "\"specs/close_trade.toml\"")?,
                );
            } else if meta.path == symbol::PAGE {
                page.set(&meta.path, flag(meta, symbol::PAGE)?);
            } else if meta.path == symbol::IDEMPOTENT {
                flag(meta, symbol::IDEMPOTENT)?;
                set_repeat(meta, Repeat::Idempotent)?;
            } else if meta.path == symbol::CONFLICT {
                let code = lit_str(meta, symbol::CONFLICT, "\"GOODS_EXISTS_ERROR\"")?;
                if code.value().is_empty() {
                    return Err(syn::Error::new(
                        code.span(),
                        "`conflict` names the error code Alipay answers a repeat of an applied request with, e.g. `conflict = \"GOODS_EXISTS_ERROR\"`",
                    ));
                }
                set_repeat(meta, Repeat::Conflict(code))?;
            } else if meta.path == symbol::SERVICE {
                let s = lit_str(meta, symbol::SERVICE, "\"sns.create.goods.ws\"")?;
                service.set(&meta.path, s);
            } else if meta.path == symbol::RESPONSE {
                let ty: syn::Type = meta
                    .value()
                    .map_err(|_| {
                        meta.error("`response` takes a type: write `response = MyResponse`")
                    })?
                    .parse()?;
                response.set(&meta.path, ty);
            } else if meta.path == symbol::METHOD {
                let input = meta.value().map_err(|_| {
                    meta.error("`method` takes `GET` or `POST`: write `method = POST`")
                })?;
                let ident = input.call(Ident::parse_any)?;
                let m = match ident.to_string().as_str() {
                    "GET" => Method::Get,
                    "POST" => Method::Post,
                    _ => {
                        return Err(syn::Error::new(
                            ident.span(),
                            "unknown HTTP method: write `method = GET` or `method = POST`",
                        ));
                    }
                };
                method.set(&meta.path, m);
            } else if meta.path == symbol::ONE_OF {
                let span = meta.path.span();
                let fields = ident_list(meta, symbol::ONE_OF)?;
                one_of.push(OneOf { span, fields });
            } else if meta.path == symbol::IDENTIFIES {
                let span = meta.path.span();
                let fields = ident_list(meta, symbol::IDENTIFIES)?;
                identifies.push(OneOf { span, fields });
            } else if meta.path == symbol::REQUIRED_IF {
                required_if.push(parse_required_if(meta)?);
            } else if meta.path == symbol::RELATION {
                relations.push(parse_relation(meta)?);
            } else if meta.path == symbol::COUNT {
                tallies.push(parse_tally(meta, false)?);
            } else if meta.path == symbol::TOTAL {
                tallies.push(parse_tally(meta, true)?);
            } else if meta.path == symbol::CUSTOM {
                custom.push(parse_path_value(meta, symbol::CUSTOM, "path::to::check")?);
            } else if meta.path == symbol::ELEMENT {
                return Err(meta.error(
                    "`element` belongs on `#[derive(Response)]`; a request names its response with `response = MyResponse`",
                ));
            } else {
                return Err(unknown_key(meta, REQUEST_KEYS));
            }
            Ok(())
        });
        RequestAttrs {
            service: service.get(),
            response: response.get(),
            method: method.get().unwrap_or(Method::Post),
            one_of,
            required_if,
            relations,
            tallies,
            custom,
            krate: krate.get(),
            repeat,
            identifies,
            error_codes: error_codes.get(),
            page: page.get(),
            spec: spec.get(),
        }
    }
}

impl ResponseAttrs {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut element = Attr::none(cx, symbol::ELEMENT);
        let mut krate = Attr::none(cx, symbol::CRATE);
        for_each_key(cx, attrs, |meta| {
            if meta.path == symbol::ELEMENT {
                let s = lit_str(meta, symbol::ELEMENT, "\"goods\"")?;
                element.set(&meta.path, s);
            } else if meta.path == symbol::CRATE {
                krate.set(&meta.path, parse_crate(meta)?);
            } else {
                return Err(unknown_key(meta, RESPONSE_KEYS));
            }
            Ok(())
        });
        ResponseAttrs {
            element: element.get(),
            krate: krate.get(),
        }
    }
}

impl NotificationAttrs {
    pub(crate) fn from_ast(cx: &Ctxt, attrs: &[syn::Attribute]) -> Self {
        let mut service = Attr::none(cx, symbol::SERVICE);
        let mut kind = Attr::none(cx, symbol::KIND);
        let mut spec = Attr::none(cx, symbol::SPEC);
        let mut krate = Attr::none(cx, symbol::CRATE);
        for_each_key(cx, attrs, |meta| {
            if meta.path == symbol::CRATE {
                krate.set(&meta.path, parse_crate(meta)?);
            } else if meta.path == symbol::SERVICE {
                let s = lit_str(meta, symbol::SERVICE, "\"create_partner_trade_by_buyer\"")?;
                service.set(&meta.path, s);
            } else if meta.path == symbol::SPEC {
                spec.set(&meta.path, lit_str(meta, symbol::SPEC, "\"specs/x.toml\"")?);
            } else if meta.path == symbol::KIND {
                let k = lit_str(meta, symbol::KIND, "\"notify\"")?;
                if k.value() != "notify" && k.value() != "return" {
                    return Err(syn::Error::new(
                        k.span(),
                        "`kind` is `\"notify\"` (服务器异步通知参数, posted to notify_url) or `\"return\"` (页面跳转同步通知参数, the query of return_url)",
                    ));
                }
                kind.set(&meta.path, k);
            } else if meta.path == symbol::RESPONSE || meta.path == symbol::METHOD {
                return Err(meta.error(
                    "a notification table has no response or method: Alipay sends it; write `kind = \"notify\"` or `kind = \"return\"`",
                ));
            } else {
                return Err(unknown_key(meta, NOTIFICATION_KEYS));
            }
            Ok(())
        });
        NotificationAttrs {
            service: service.get(),
            kind: kind.get(),
            spec: spec.get(),
            krate: krate.get(),
        }
    }
}

impl FieldAttrs {
    pub(crate) fn from_ast(cx: &Ctxt, derive: Derive, attrs: &[syn::Attribute]) -> Self {
        let mut name = Attr::none(cx, symbol::NAME);
        let mut label = Attr::none(cx, symbol::LABEL);
        let mut ty = Attr::none(cx, symbol::TY);
        let mut max_len = Attr::none(cx, symbol::MAX_LEN);
        let mut example = Attr::none(cx, symbol::EXAMPLE);
        let mut secret = Attr::none(cx, symbol::SECRET);
        let mut custom = Vec::new();
        let expected = match derive {
            Derive::Request | Derive::Notification => REQUEST_FIELD_KEYS,
            Derive::Response => RESPONSE_FIELD_KEYS,
        };
        for_each_key(cx, attrs, |meta| {
            let request_only = |key: Symbol| {
                meta.error(format!(
                    "`{key}` applies to request parameters only; a response field takes {RESPONSE_FIELD_KEYS}"
                ))
            };
            if meta.path == symbol::NAME {
                name.set(&meta.path, lit_str(meta, symbol::NAME, "\"wire_name\"")?);
            } else if meta.path == symbol::LABEL {
                label.set(&meta.path, lit_str(meta, symbol::LABEL, "\"商品名称\"")?);
            } else if meta.path == symbol::TY {
                ty.set(&meta.path, lit_str(meta, symbol::TY, "\"String(128)\"")?);
            } else if meta.path == symbol::EXAMPLE {
                example.set(&meta.path, lit_str(meta, symbol::EXAMPLE, "\"100\"")?);
            } else if meta.path == symbol::MAX_LEN {
                if derive == Derive::Response {
                    return Err(request_only(symbol::MAX_LEN));
                }
                let lit: LitInt = meta
                    .value()
                    .map_err(|_| meta.error("`max_len` takes a number: write `max_len = 64`"))?
                    .parse()?;
                max_len.set(&meta.path, lit);
            } else if meta.path == symbol::SECRET {
                if derive == Derive::Response {
                    return Err(request_only(symbol::SECRET));
                }
                secret.set(&meta.path, flag(meta, symbol::SECRET)?);
            } else if meta.path == symbol::CUSTOM {
                if derive == Derive::Response {
                    return Err(request_only(symbol::CUSTOM));
                }
                custom.push(parse_path_value(meta, symbol::CUSTOM, "path::to::check")?);
            } else {
                return Err(unknown_key(meta, expected));
            }
            Ok(())
        });
        FieldAttrs {
            name: name.get(),
            label: label.get(),
            ty: ty.get(),
            max_len: max_len.get(),
            example: example.get(),
            secret: secret.get(),
            custom,
            doc: doc_comment(attrs),
        }
    }
}

/// The `///` comment of an item: lines joined with `\n`, one leading space removed from each,
/// surrounding blank lines trimmed.
pub(crate) fn doc_comment(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if attr.path() != symbol::DOC {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            let line = s.value();
            lines.push(
                line.strip_prefix(' ')
                    .unwrap_or(&line)
                    .trim_end()
                    .to_owned(),
            );
        }
    }
    lines.join("\n").trim().to_owned()
}
