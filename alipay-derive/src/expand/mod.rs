//! Back ends: read the checked model, never raw attributes.

pub(crate) mod request;
pub(crate) mod response;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::internals::ast::Kind;
use crate::internals::check::{Checked, Param, Value};

use std::cell::RefCell;

thread_local! {
    /// The runtime crate's path for the expansion in progress (see [`with_runtime`]).
    static RUNTIME: RefCell<Option<TokenStream>> = const { RefCell::new(None) };
}

/// Runs `expand` with `runtime` as the path generated code reaches `alipay_core` by. A derive
/// expands one item at a time on one thread, so the path is set for exactly that expansion.
pub(crate) fn with_runtime<T>(runtime: TokenStream, expand: impl FnOnce() -> T) -> T {
    let previous = RUNTIME.with(|r| r.replace(Some(runtime)));
    let out = expand();
    RUNTIME.with(|r| *r.borrow_mut() = previous);
    out
}

/// The runtime's hidden module; generated code reaches the runtime only through it.
pub(crate) fn private() -> TokenStream {
    let runtime = RUNTIME
        .with(|r| r.borrow().clone())
        .unwrap_or_else(|| quote!(::alipay_core));
    quote!(#runtime::__private)
}

/// `Some("…")` / `None`.
pub(crate) fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// The name of field `i`'s `Wire` const.
pub(crate) fn wire(i: usize) -> syn::Ident {
    quote::format_ident!("__W{}", i)
}

/// One `const __Wi: Wire<T> = wire::<T>();` per field, spanned on the field's type: the only
/// place that needs `T: WireValue`, so a type without it is reported once, at the field.
pub(crate) fn wire_consts(params: &[Param]) -> TokenStream {
    let private = private();
    let consts = params.iter().enumerate().map(|(i, p)| {
        let inner = p.field.inner;
        let span = syn::spanned::Spanned::span(inner);
        let w = wire(i);
        quote_spanned! {span=>
            const #w: #private::Wire<#inner> = #private::wire::<#inner>();
        }
    });
    quote!(#(#consts)*)
}

/// `<T>::VALUES` (a `wire_enum!`'s closed set, else empty) and the format of field `i`.
pub(crate) fn allowed_and_format(i: usize, p: &Param) -> (TokenStream, TokenStream) {
    let inner = p.field.inner;
    let span = syn::spanned::Spanned::span(inner);
    let allowed = quote_spanned!(span=> <#inner>::VALUES);
    let w = wire(i);
    let format = quote!(#w.format);
    (allowed, format)
}

/// For a type the derive does not know, a const check that `lit` is one of its wire values,
/// through the type's hidden `const fn __alipay_accepts(&str) -> bool`; a refusal panics with the
/// type's `__ALIPAY_EXPECTED` (a `wire_enum!` lists its values there). Spanned on the literal, so
/// the error points at the example and names the field's type.
pub(crate) fn const_assert(p: &Param, checked: &Checked) -> TokenStream {
    if !matches!(checked.value, Value::Other) {
        return TokenStream::new();
    }
    let inner = p.field.inner;
    let lit = &checked.lit;
    let private = private();
    quote_spanned! {lit.span()=>
        const _: () = {
            #[allow(unused_imports)]
            use #private::NoExpected as _;
            if !<#inner>::__alipay_accepts(#lit) {
                ::core::panic!("{}", <#inner>::__ALIPAY_EXPECTED)
            }
        };
    }
}

/// An expression of the field's inner type holding the example (never fails at run time: the
/// example was checked at compile time).
pub(crate) fn example_expr(i: usize, p: &Param, checked: &Checked) -> TokenStream {
    let private = private();
    let lit = &checked.lit;
    let w = wire(i);
    match &checked.value {
        Value::Text => quote!(#private::text(#lit)),
        Value::Int(digits) => {
            let Kind::Int(suffix) = p.field.kind else {
                unreachable!("Int value for a non-integer kind")
            };
            let n = syn::LitInt::new(&format!("{digits}{suffix}"), lit.span());
            quote!(#n)
        }
        Value::Amount(fen) => quote!(#private::Amount::from_fen(#fen)),
        Value::Millis(ms) => quote!(#private::TimestampMillis::from_millis(#ms)),
        Value::Url | Value::Other => quote!(#private::example(&#w, #lit)),
    }
}
