//! `#[derive(ListItem)]`: one item of a list-valued parameter (`trade_no^amount^reason`), each
//! field read and written with its type's `WireValue`.
//!
//! Small enough to parse its own attributes: a container's `field_sep`, `reserved` and `crate`,
//! and a field's `name`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitChar, LitStr};

use crate::internals::symbol::{ALIPAY, CRATE, NAME};

const HOW: &str = "write `#[alipay(field_sep = '^', reserved = \"^|$#\")]` on the struct";

/// The container's attributes.
struct Attrs {
    field_sep: Option<LitChar>,
    reserved: Option<LitStr>,
    krate: Option<syn::Path>,
    terminated: bool,
}

/// `T` when `ty` is written `Option<T>`.
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The expansion of `#[derive(ListItem)]` on `input`, or its errors; generated code reaches the
/// runtime by `runtime` unless the struct says `crate = "…"`.
pub(crate) fn expand(input: &DeriveInput, runtime: TokenStream) -> TokenStream {
    match expand_checked(input, runtime) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

fn container_attrs(input: &DeriveInput) -> syn::Result<Attrs> {
    let mut attrs = Attrs {
        field_sep: None,
        reserved: None,
        krate: None,
        terminated: false,
    };
    for attr in input.attrs.iter().filter(|a| a.path() == ALIPAY) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("field_sep") {
                attrs.field_sep = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("reserved") {
                attrs.reserved = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("terminated") {
                attrs.terminated = true;
            } else if meta.path == CRATE {
                let path: LitStr = meta.value()?.parse()?;
                attrs.krate = Some(path.parse()?);
            } else {
                return Err(meta.error(
                    "unknown key: a list item takes `field_sep = '^'`, `reserved = \"^|$#\"`, `terminated` and `crate = \"path\"`",
                ));
            }
            Ok(())
        })?;
    }
    Ok(attrs)
}

/// A field's wire name: `#[alipay(name = "…")]`, else the field's own name.
fn field_name(field: &syn::Field) -> syn::Result<String> {
    let mut name = field
        .ident
        .as_ref()
        .map(|i| syn::ext::IdentExt::unraw(i).to_string())
        .unwrap_or_default();
    for attr in field.attrs.iter().filter(|a| a.path() == ALIPAY) {
        attr.parse_nested_meta(|meta| {
            if meta.path == NAME {
                name = meta.value()?.parse::<LitStr>()?.value();
                Ok(())
            } else {
                Err(meta.error("unknown key: a list item's field takes only `name = \"…\"`"))
            }
        })?;
    }
    Ok(name)
}

fn expand_checked(input: &DeriveInput, default_runtime: TokenStream) -> syn::Result<TokenStream> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`ListItem` is derived for a struct with named fields, one per field of the item",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new(
            data.fields.span(),
            "`ListItem` needs named fields, one per field of the item, in wire order",
        ));
    };
    if fields.named.is_empty() {
        return Err(syn::Error::new(
            input.ident.span(),
            "a list item has at least one field",
        ));
    }
    let attrs = container_attrs(input)?;
    let Some(field_sep) = attrs.field_sep else {
        return Err(syn::Error::new(
            input.ident.span(),
            format!("a list item names the character between its fields: {HOW}"),
        ));
    };
    let sep = field_sep.value();
    let reserved = attrs
        .reserved
        .as_ref()
        .map(LitStr::value)
        .unwrap_or_default();
    if sep.is_alphanumeric() || sep.is_whitespace() {
        return Err(syn::Error::new(
            field_sep.span(),
            "the field separator must be a punctuation character such as '^'",
        ));
    }
    // The separator is reserved whether or not `reserved` lists it: say it once, in RESERVED.
    let reserved = if reserved.contains(sep) {
        reserved
    } else {
        format!("{sep}{reserved}")
    };
    let runtime = match attrs.krate {
        Some(path) => quote!(#path),
        None => default_runtime,
    };
    let private = quote!(#runtime::__private);

    let mut names = Vec::new();
    let mut parses = Vec::new();
    let mut texts = Vec::new();
    let mut optional_texts = Vec::new();
    let mut kinds = Vec::new();
    let mut required = None;
    for (i, field) in fields.named.iter().enumerate() {
        let name = field_name(field)?;
        if names.contains(&name) {
            return Err(syn::Error::new(
                field.span(),
                format!("two fields are named `{name}`"),
            ));
        }
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| syn::Error::new(field.span(), "`ListItem` needs named fields"))?;
        match option_inner(&field.ty) {
            // An optional field: it and the fields after it may be left out at the item's end.
            Some(ty) => {
                required.get_or_insert(i);
                parses.push(quote! {
                    #ident: match __f.get(#i) {
                        ::core::option::Option::Some(__t) => ::core::option::Option::Some(
                            <#ty as #private::WireValue>::parse_wire(__t).map_err(|__e| (#i, __e))?,
                        ),
                        ::core::option::Option::None => ::core::option::Option::None,
                    }
                });
                optional_texts.push(quote! {
                    match &self.#ident {
                        ::core::option::Option::Some(__v) => {
                            __t.push(<#ty as #private::WireValue>::to_wire(__v));
                        }
                        ::core::option::Option::None => break '__optional,
                    }
                });
                kinds.push(quote!(<#ty as #private::WireValue>::KIND));
            }
            None => {
                if required.is_some() {
                    return Err(syn::Error::new(
                        field.ty.span(),
                        "a required field cannot follow an optional one: only the fields at the end of an item may be left out, so make this one `Option` too or move it up",
                    ));
                }
                let ty = &field.ty;
                parses.push(quote! {
                    #ident: <#ty as #private::WireValue>::parse_wire(__f[#i]).map_err(|__e| (#i, __e))?
                });
                texts.push(quote!(<#ty as #private::WireValue>::to_wire(&self.#ident)));
                kinds.push(quote!(<#ty as #private::WireValue>::KIND));
            }
        }
        names.push(name);
    }
    let terminated = attrs.terminated;
    let format = names.join(&sep.to_string());
    let n = names.len();
    let required = required.unwrap_or(n);
    if required == 0 {
        return Err(syn::Error::new(
            input.ident.span(),
            "a list item's first field is required (an item is never empty): make it a plain type",
        ));
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let span = Span::call_site();
    let reserved = LitStr::new(&reserved, span);
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #private::ListItem for #ident #ty_generics #where_clause {
            const FIELDS: &'static [&'static str] = &[#(#names),*];
            const KINDS: &'static [#private::FieldKind] = &[#(#kinds),*];
            const FIELD_SEP: char = #field_sep;
            const RESERVED: &'static str = #reserved;
            const FORMAT: &'static str = #format;
            const REQUIRED_FIELDS: usize = #required;
            const TERMINATED: bool = #terminated;

            fn from_fields(
                __f: &[&str],
            ) -> ::core::result::Result<Self, (usize, #private::WireValueError)> {
                #private::list_item_arity(<Self as #private::ListItem>::FORMAT, __f, #required, #n)?;
                ::core::result::Result::Ok(Self { #(#parses),* })
            }

            fn field_texts(&self) -> ::std::vec::Vec<#private::__Cow<'_, str>> {
                #[allow(unused_mut)]
                let mut __t = ::std::vec![#(#texts),*];
                #[allow(unused_labels)]
                '__optional: {
                    #(#optional_texts)*
                }
                __t
            }
        }
    })
}
