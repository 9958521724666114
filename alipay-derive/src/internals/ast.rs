//! The derive input as written: container and field attributes, plus what the field types look like.
//!
//! Nothing here checks rules between fields; that is [`super::check`]'s job.

use syn::ext::IdentExt;
use syn::{Ident, Type};

use super::attr::{Derive, FieldAttrs, NotificationAttrs, RequestAttrs, ResponseAttrs};
use super::ctxt::Ctxt;

/// How the derive understands a field's (inner) type, from its spelling.
///
/// Recognised types get their examples checked inside the macro; `Other` types are checked by a
/// const assertion on their hidden `__alipay_accepts` function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// `String`: free text.
    Text,
    /// A primitive integer; the name is its Rust spelling (`u32`).
    Int(&'static str),
    /// `Amount`: yuan with at most two decimals on the wire, fen in memory.
    Amount,
    /// `TimestampMillis`: 13 digits.
    Millis,
    /// `HttpUrl`: an `http://` or `https://` URL.
    Url,
    /// Anything else (closed value sets, times, user types).
    Other,
}

/// The integer types with a `WireValue` implementation.
const INTS: &[&str] = &["u32", "u64"];

impl Kind {
    fn of(ty: &Type) -> Kind {
        let Some(last) = last_segment(ty) else {
            return Kind::Other;
        };
        if !last.arguments.is_none() {
            return Kind::Other;
        }
        let name = last.ident.to_string();
        match name.as_str() {
            "String" => Kind::Text,
            "Amount" => Kind::Amount,
            "TimestampMillis" => Kind::Millis,
            "HttpUrl" => Kind::Url,
            other => INTS
                .iter()
                .find(|i| **i == other)
                .map_or(Kind::Other, |i| Kind::Int(i)),
        }
    }
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// `Option<T>` → `Some(T)`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let last = last_segment(ty)?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// A named field with its attributes as written.
pub(crate) struct Field<'a> {
    /// The Rust field name.
    pub(crate) member: &'a Ident,
    /// The field name without `r#`: the default wire name and the name rules refer to.
    pub(crate) unraw: String,
    /// `T` of `Option<T>`, or the type itself.
    pub(crate) inner: &'a Type,
    pub(crate) optional: bool,
    pub(crate) kind: Kind,
    pub(crate) attrs: FieldAttrs,
}

/// Container attributes of either derive.
pub(crate) enum ContainerAttrs {
    Request(Box<RequestAttrs>),
    Response(ResponseAttrs),
    Notification(NotificationAttrs),
}

/// The whole derive input as written.
pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: ContainerAttrs,
    pub(crate) fields: Vec<Field<'a>>,
}

impl<'a> Container<'a> {
    /// Reads the input; `None` when it is not a struct with named fields (already reported).
    pub(crate) fn from_ast(
        cx: &Ctxt,
        input: &'a syn::DeriveInput,
        derive: Derive,
    ) -> Option<Container<'a>> {
        let attrs = match derive {
            Derive::Request => {
                ContainerAttrs::Request(Box::new(RequestAttrs::from_ast(cx, &input.attrs)))
            }
            Derive::Response => ContainerAttrs::Response(ResponseAttrs::from_ast(cx, &input.attrs)),
            Derive::Notification => {
                ContainerAttrs::Notification(NotificationAttrs::from_ast(cx, &input.attrs))
            }
        };
        let what = match derive {
            Derive::Request => "a request: one named field per parameter of the service's table",
            Derive::Response => "a response: one named field per child element of the payload",
            Derive::Notification => {
                "a notification: one named field per parameter of the notification or return table"
            }
        };
        if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
            cx.error_spanned_by(
                &input.generics,
                "a service declaration cannot be generic: remove the parameters and use owned field types",
            );
        }
        let named = match &input.data {
            syn::Data::Struct(syn::DataStruct {
                fields: syn::Fields::Named(named),
                ..
            }) => named,
            syn::Data::Struct(s) => {
                cx.error_spanned_by(
                    &s.fields,
                    format!(
                        "expected named fields `{{ name: Type, … }}`: the struct describes {what}"
                    ),
                );
                return None;
            }
            syn::Data::Enum(e) => {
                cx.error_spanned_by(
                    e.enum_token,
                    format!("expected a struct, not an enum: the struct describes {what}"),
                );
                return None;
            }
            syn::Data::Union(u) => {
                cx.error_spanned_by(
                    u.union_token,
                    format!("expected a struct, not a union: the struct describes {what}"),
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .filter_map(|f| {
                let member = f.ident.as_ref()?;
                let (inner, optional) = match option_inner(&f.ty) {
                    Some(inner) => (inner, true),
                    None => (&f.ty, false),
                };
                Some(Field {
                    member,
                    unraw: member.unraw().to_string(),
                    inner,
                    optional,
                    kind: Kind::of(inner),
                    attrs: FieldAttrs::from_ast(cx, derive, &f.attrs),
                })
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            attrs,
            fields,
        })
    }
}
