//! `#[derive(Request)]`: parameter table, validation, signing order, `from_params`, `example()`,
//! and a `Debug` that hides secrets.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::{allowed_and_format, const_assert, example_expr, opt_str, private, wire, wire_consts};
use crate::internals::ast::Kind;
use crate::internals::attr::{Method, RelOp};
use crate::internals::check::{Param, Request, SIGNED_COMMON};

/// `Option<&T>` of field `p` of `this`.
fn opt_ref(this: &TokenStream, p: &Param) -> TokenStream {
    let member = p.field.member;
    if p.field.optional {
        quote!(#this.#member.as_ref())
    } else {
        quote!(::core::option::Option::Some(&#this.#member))
    }
}

fn spec(i: usize) -> TokenStream {
    quote!(&__PARAMS[#i])
}

fn param_specs(req: &Request) -> TokenStream {
    let private = private();
    let specs = req.params.iter().enumerate().map(|(i, p)| {
        let name = &p.wire;
        let label = &p.label;
        let ty = &p.ty_text;
        let max_len = match p.max_len {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let nullable = p.field.optional;
        let example = opt_str(p.example.as_ref().map(|e| e.lit.value()).as_deref());
        let note = &p.note;
        let secret = p.secret;
        let (allowed, format) = allowed_and_format(i, p);
        quote! {
            #private::ParamSpec {
                name: #name,
                label: #label,
                ty: #ty,
                max_len: #max_len,
                nullable: #nullable,
                example: #example,
                note: #note,
                allowed: #allowed,
                secret: #secret,
                format: #format,
            }
        }
    });
    quote!(const __PARAMS: &[#private::ParamSpec] = &[#(#specs),*];)
}

/// The cross-field rules as [`RuleSpec`] values, in declaration order: one_of, required_if,
/// relation, custom.
fn rule_specs(req: &Request) -> Vec<TokenStream> {
    let private = private();
    let wire = |i: usize| req.params[i].wire.as_str();
    let mut out = Vec::new();
    for group in &req.one_of {
        let names = group.iter().map(|&i| wire(i));
        out.push(quote!(#private::RuleSpec::OneOf(&[#(#names),*])));
    }
    for rule in &req.required_if {
        let when = wire(rule.when);
        let values = rule.values.iter().map(|v| v.lit.value());
        let then = rule.targets.iter().map(|&(i, positive)| {
            let name = wire(i);
            quote!((#name, #positive))
        });
        out.push(quote!(#private::RuleSpec::RequiredIf {
            when: #when,
            values: &[#(#values),*],
            then: &[#(#then),*],
        }));
    }
    for rel in &req.relations {
        let (left, right, op) = (wire(rel.left), wire(rel.right), rel.op.as_str());
        out.push(quote!(#private::RuleSpec::Relation { left: #left, op: #op, right: #right }));
    }
    for tally in &req.tallies {
        let (stated, list) = (wire(tally.stated), wire(tally.list));
        out.push(match &tally.field {
            None => quote!(#private::RuleSpec::Count { count: #stated, list: #list }),
            Some(field) => {
                let field = syn::ext::IdentExt::unraw(field).to_string();
                quote!(#private::RuleSpec::Total { total: #stated, list: #list, field: #field })
            }
        });
    }
    for path in &req.custom {
        let text = quote::ToTokens::to_token_stream(path)
            .to_string()
            .replace(' ', "");
        out.push(quote!(#private::RuleSpec::Custom(#text)));
    }
    out
}

/// The checks of one field's own value (required/empty, length, format).
fn field_checks(req: &Request) -> TokenStream {
    let this = quote!(self);
    let checks = req.params.iter().enumerate().map(|(i, p)| {
        let spec = spec(i);
        let w = wire(i);
        let value = opt_ref(&this, p);
        let own = match p.field.kind {
            Kind::Int(_) | Kind::Amount | Kind::Millis => quote!(__ck.number(#spec, &#w, #value);),
            Kind::Text | Kind::Url | Kind::Other => quote!(__ck.text(#spec, &#w, #value);),
        };
        let millis = if p.field.kind == Kind::Millis {
            quote!(__ck.millis13(#spec, #value);)
        } else {
            TokenStream::new()
        };
        quote!(#own #millis)
    });
    quote!(#(#checks)*)
}

/// Custom field checks and the rules across fields, shared by `validate` and `from_params`.
fn rules_fn(req: &Request) -> TokenStream {
    let private = private();
    let ident = req.ident;
    let this = quote!(__this);
    let mut body = Vec::new();

    for (i, p) in req.params.iter().enumerate() {
        for path in &p.field.attrs.custom {
            let spec = spec(i);
            let w = wire(i);
            let value = opt_ref(&this, p);
            body.push(quote_spanned! {syn::spanned::Spanned::span(path)=>
                if let ::core::option::Option::Some(__v) = #value {
                    __ck.custom(#spec, &#w, __v, #path(__v));
                }
            });
        }
    }

    for group in &req.one_of {
        let names: Vec<&str> = group.iter().map(|&i| req.params[i].wire.as_str()).collect();
        let present = group.iter().map(|&i| {
            let value = opt_ref(&this, &req.params[i]);
            let w = wire(i);
            quote!(#private::present(&#w, #value))
        });
        let first = spec(group[0]);
        body.push(quote! {
            __ck.one_of(#first, &[#(#names),*], #(#present)||*);
        });
    }

    for rule in &req.required_if {
        let when = &req.params[rule.when];
        let when_name = &when.wire;
        let values: Vec<String> = rule.values.iter().map(|c| c.lit.value()).collect();
        let member = when.field.member;
        let ww = wire(rule.when);
        let cond = if when.field.optional {
            quote! {
                #this.#member.as_ref().is_some_and(|__v| #private::wire_is(&#ww, __v, __VALUES))
            }
        } else {
            quote!(#private::wire_is(&#ww, &#this.#member, __VALUES))
        };
        let targets = rule.targets.iter().map(|&(t, positive)| {
            let spec = spec(t);
            let value = opt_ref(&this, &req.params[t]);
            let w = wire(t);
            let pos = if positive {
                quote!(__ck.positive_if(#spec, &#w, #value, #when_name, __VALUES);)
            } else {
                TokenStream::new()
            };
            quote! {
                __ck.required_if(#spec, #value, #when_name, __VALUES);
                #pos
            }
        });
        body.push(quote! {
            {
                const __VALUES: &[&str] = &[#(#values),*];
                if #cond {
                    #(#targets)*
                }
            }
        });
    }

    for rel in &req.relations {
        let (l, r) = (&req.params[rel.left], &req.params[rel.right]);
        let (lv, rv) = (opt_ref(&this, l), opt_ref(&this, r));
        let (ls, rs) = (spec(rel.left), spec(rel.right));
        let (lw, rw) = (wire(rel.left), wire(rel.right));
        let span = rel
            .tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span());
        let op_str = rel.op.as_str();
        let cmp = match rel.op {
            RelOp::Lt => quote_spanned!(span=> __l < __r),
            RelOp::Le => quote_spanned!(span=> __l <= __r),
            RelOp::Gt => quote_spanned!(span=> __l > __r),
            RelOp::Ge => quote_spanned!(span=> __l >= __r),
            RelOp::Eq => quote_spanned!(span=> __l == __r),
            RelOp::Ne => quote_spanned!(span=> __l != __r),
        };
        body.push(quote! {
            if let (::core::option::Option::Some(__l), ::core::option::Option::Some(__r)) = (#lv, #rv)
                && !(#cmp)
            {
                __ck.relation((#ls, &#lw, __l), #op_str, (#rs, &#rw, __r));
            }
        });
    }

    for tally in &req.tallies {
        let (s, l) = (&req.params[tally.stated], &req.params[tally.list]);
        let (sv, lv) = (opt_ref(&this, s), opt_ref(&this, l));
        let (ss, sw) = (spec(tally.stated), wire(tally.stated));
        let list = l.wire.as_str();
        let span = tally
            .tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |t| t.span());
        let check = match &tally.field {
            None => quote_spanned! {span=>
                __ck.count(#ss, &#sw, __s, #list, __l.len());
            },
            Some(field) => {
                let name = syn::ext::IdentExt::unraw(field).to_string();
                quote_spanned! {span=>
                    __ck.total(
                        #ss,
                        &#sw,
                        __s,
                        (#list, #name),
                        #private::fen_sum(__l.items().iter().map(|__i| &__i.#field)),
                    );
                }
            }
        };
        body.push(quote! {
            if let (::core::option::Option::Some(__s), ::core::option::Option::Some(__l)) = (#sv, #lv) {
                #check
            }
        });
    }

    for path in &req.custom {
        body.push(quote_spanned! {syn::spanned::Spanned::span(path)=>
            __ck.push(#path(#this));
        });
    }

    if body.is_empty() {
        quote! {
            #[inline]
            fn __rules(_: &#ident, _: &mut #private::Checker) {}
        }
    } else {
        quote! {
            fn __rules(#this: &#ident, __ck: &mut #private::Checker) {
                #(#body)*
            }
        }
    }
}

/// Business and signed common parameters, merged in byte order at compile time.
fn signing_body(req: &Request) -> TokenStream {
    let private = private();
    enum Item<'p> {
        Common(&'static str),
        Field(usize, &'p Param<'p>),
    }
    let mut items: Vec<(&str, Item)> = req
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| (p.wire.as_str(), Item::Field(i, p)))
        .chain(SIGNED_COMMON.iter().map(|c| (*c, Item::Common(c))))
        .collect();
    items.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let n = items.len();
    let pushes = items.iter().map(|(name, item)| match item {
        Item::Common("_input_charset") => quote! {
            __out.push((#name, #private::__Cow::Borrowed(__common.charset.as_str())));
        },
        Item::Common("partner") => quote! {
            #private::push_str(__out, #name, __common.partner);
        },
        Item::Common(_) => quote! {
            __out.push((#name, #private::__Cow::Borrowed(<Self as #private::Request>::SERVICE)));
        },
        Item::Field(i, p) => {
            let member = p.field.member;
            let w = wire(*i);
            if p.field.optional {
                quote! {
                    if let ::core::option::Option::Some(__v) = &self.#member {
                        #private::push(__out, #name, &#w, __v);
                    }
                }
            } else {
                quote!(#private::push(__out, #name, &#w, &self.#member);)
            }
        }
    });
    quote! {
        __out.reserve(#n);
        #(#pushes)*
    }
}

fn from_params_body(req: &Request) -> TokenStream {
    let private = private();
    let checker_name = match req.notification {
        None => quote!(<Self as #private::Request>::SERVICE),
        Some(_) => {
            let name = if req.service.is_empty() {
                req.ident.to_string()
            } else {
                req.service.clone()
            };
            quote!(#name)
        }
    };
    // A notification keeps parameters it does not declare (they are signed, and the caller has
    // them all); a request refuses them.
    let other = match req.notification {
        None => quote! {
            _ if #private::is_common(__k) => {}
            _ => __ck.unknown(__k, __v),
        },
        Some(_) => quote!(_ => {}),
    };
    let slots: Vec<_> = (0..req.params.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let decls = req.params.iter().zip(&slots).map(|(p, slot)| {
        let inner = p.field.inner;
        quote!(let mut #slot: #private::Slot<#inner> = #private::Slot::Absent;)
    });
    let arms = req
        .params
        .iter()
        .enumerate()
        .zip(&slots)
        .map(|((i, p), slot)| {
            let name = &p.wire;
            let spec = spec(i);
            let w = wire(i);
            quote!(#name => #slot = __ck.parse(#spec, &#w, &#slot, __v),)
        });
    let takes = req
        .params
        .iter()
        .enumerate()
        .zip(&slots)
        .map(|((i, p), slot)| {
            let spec = spec(i);
            let millis = if p.field.kind == Kind::Millis {
                quote!(__ck.millis13(#spec, #slot.as_ref());)
            } else {
                TokenStream::new()
            };
            if p.field.optional {
                quote!(let #slot = #slot.value(); #millis)
            } else {
                quote!(let #slot = __ck.required(#spec, #slot); #millis)
            }
        });
    let required: Vec<_> = req
        .params
        .iter()
        .zip(&slots)
        .filter(|(p, _)| !p.field.optional)
        .map(|(_, s)| s)
        .collect();
    let unwrap = if required.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            let (#(::core::option::Option::Some(#required),)*) = (#(#required,)*) else {
                return ::core::result::Result::Err(__ck.into_errors());
            };
        }
    };
    let members = req.params.iter().map(|p| p.field.member);
    quote! {
        let mut __ck = #private::Checker::new(#checker_name);
        #(#decls)*
        for (__k, __v) in __params {
            let (__k, __v) = (::core::convert::AsRef::<str>::as_ref(__k), ::core::convert::AsRef::<str>::as_ref(__v));
            match __k {
                #(#arms)*
                #other
            }
        }
        #(#takes)*
        #unwrap
        let __this = Self { #(#members: #slots),* };
        __rules(&__this, &mut __ck);
        __ck.finish().map(|()| __this)
    }
}

fn example_fn(req: &Request) -> TokenStream {
    if req.params.iter().any(|p| p.example.is_none()) {
        return TokenStream::new();
    }
    let ident = req.ident;
    let fields = req.params.iter().enumerate().map(|(i, p)| {
        let member = p.field.member;
        let Some(ex) = &p.example else {
            unreachable!("checked above")
        };
        let value = example_expr(i, p, ex);
        if p.field.optional {
            quote!(#member: ::core::option::Option::Some(#value))
        } else {
            quote!(#member: #value)
        }
    });
    let doc = format!(
        "The sample `{}` request: every parameter set to its 样例 (example) value from the spec table.",
        req.service
    );
    quote! {
        #[automatically_derived]
        impl #ident {
            #[doc = #doc]
            #[must_use]
            pub fn example() -> Self {
                Self { #(#fields),* }
            }
        }
    }
}

/// `Debug`: every field in declaration order, a `secret` one as `<secret>` whatever its value
/// (`Option` or not), so a secret cannot reach a log through `{:?}`. Each value is spanned on its
/// field, so a type without `Debug` is reported there.
fn debug_impl(req: &Request) -> TokenStream {
    let private = private();
    let ident = req.ident;
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    let fields = req.params.iter().map(|p| {
        let label = &p.field.unraw;
        let member = p.field.member;
        if p.secret {
            quote!(.field(#label, &#private::Secret))
        } else {
            let value = quote_spanned!(member.span()=> &self.#member);
            quote!(.field(#label, #value))
        }
    });
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.debug_struct(#name) #(#fields)* .finish()
            }
        }
    }
}

/// `&[CodeSpec::new(code, text).kind(…).meaning(…).advice(…), …]` from a spec's error table.
fn code_specs(rows: &[crate::internals::check::CodeRow]) -> TokenStream {
    let private = private();
    let rows = rows.iter().map(|e| {
        let (code, text) = (&e.code, &e.text);
        let mut row = quote!(#private::CodeSpec::new(#code, #text));
        if let Some(kind) = e.kind {
            let kind = format_ident!("{}", kind);
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

/// The expansion of a checked `#[derive(Notification)]`: the table, `from_params` (undeclared
/// parameters kept by the caller, not refused), `Debug` without secrets, `example()`.
fn expand_notification(req: &Request, is_return: bool) -> TokenStream {
    let private = private();
    let ident = req.ident;
    let service = &req.service;
    let kind = if is_return {
        quote!(#private::NotificationKind::Return)
    } else {
        quote!(#private::NotificationKind::Notify)
    };
    let wires = wire_consts(&req.params);
    let specs = param_specs(req);
    let rules = rules_fn(req);
    let from_params = from_params_body(req);
    let example = example_fn(req);
    let debug = debug_impl(req);
    let asserts: Vec<_> = req
        .params
        .iter()
        .filter_map(|p| p.example.as_ref().map(|ex| const_assert(p, ex)))
        .collect();
    let track = req.spec_track.clone().unwrap_or_default();
    quote! {
        const _: () = {
            #[allow(unused_imports)]
            use #private::NoValues as _;

            #wires
            #specs
            #(#asserts)*
            #rules
            #track

            #[automatically_derived]
            impl #private::Notification for #ident {
                const SERVICE: &'static str = #service;
                const KIND: #private::NotificationKind = #kind;
                const FIELDS: &'static [#private::ParamSpec] = __PARAMS;

                fn from_params<__K: ::core::convert::AsRef<str>, __V: ::core::convert::AsRef<str>>(
                    __params: &[(__K, __V)],
                ) -> ::core::result::Result<Self, #private::ValidationErrors> {
                    #from_params
                }
            }

            #debug
            #example
        };
    }
}

/// The whole expansion of a checked declaration.
pub(crate) fn expand(req: &Request) -> TokenStream {
    if let Some(is_return) = req.notification {
        return expand_notification(req, is_return);
    }
    let private = private();
    let ident = req.ident;
    let service = &req.service;
    let response = &req.response;
    let method = match req.method {
        Method::Get => quote!(#private::Method::Get),
        Method::Post => quote!(#private::Method::Post),
    };
    let repeat = match &req.repeat {
        None => quote!(#private::Repeat::Unsafe),
        Some(crate::internals::attr::Repeat::Idempotent) => quote!(#private::Repeat::Idempotent),
        Some(crate::internals::attr::Repeat::Conflict(code)) => {
            quote!(#private::Repeat::Conflict(#code))
        }
    };
    let error_codes = match (&req.error_codes, &req.spec_errors) {
        (Some(path), _) => quote_spanned!(syn::spanned::Spanned::span(path)=> #path),
        (None, Some(rows)) => code_specs(rows),
        (None, None) => quote!(&[]),
    };
    let track = req.spec_track.clone().unwrap_or_default();
    let kind = if req.page {
        quote! {
            #[automatically_derived]
            impl #private::PageService for #ident {}
        }
    } else {
        quote! {
            #[automatically_derived]
            impl #private::ApiService for #ident {}
        }
    };
    let visit_method = if req.page {
        format_ident!("visit_page")
    } else {
        format_ident!("visit_api")
    };
    let kind_const = if req.page {
        quote!(#private::Kind::Page)
    } else {
        quote!(#private::Kind::Api)
    };
    let wires = wire_consts(&req.params);
    let specs = param_specs(req);
    let rule_specs = rule_specs(req);
    let identifiers = req.identifies.iter().map(|&i| req.params[i].wire.as_str());
    let checks = field_checks(req);
    let rules = rules_fn(req);
    let signing = signing_body(req);
    let from_params = from_params_body(req);
    let example = example_fn(req);
    let debug = debug_impl(req);
    let mut asserts = Vec::new();
    for p in &req.params {
        if let Some(ex) = &p.example {
            asserts.push(const_assert(p, ex));
        }
    }
    for rule in &req.required_if {
        for v in &rule.values {
            asserts.push(const_assert(&req.params[rule.when], v));
        }
    }
    let response_span = syn::spanned::Spanned::span(response);
    let response_ty = quote_spanned!(response_span=> #response);
    quote! {
        const _: () = {
            #[allow(unused_imports)]
            use #private::NoValues as _;

            #wires
            #specs
            #(#asserts)*
            #rules

            #[automatically_derived]
            impl #private::Request for #ident {
                const SERVICE: &'static str = #service;
                const METHOD: #private::Method = #method;
                const REPEAT: #private::Repeat = #repeat;
                const KIND: #private::Kind = #kind_const;
                const ERROR_CODES: &'static [#private::CodeSpec] = #error_codes;
                const RULES: &'static [#private::RuleSpec] = &[#(#rule_specs),*];
                const IDENTIFIERS: &'static [&'static str] = &[#(#identifiers),*];
                const PARAMS: &'static [#private::ParamSpec] = __PARAMS;
                type Response = #response_ty;

                fn validate(&self) -> ::core::result::Result<(), #private::ValidationErrors> {
                    let mut __ck = #private::Checker::new(<Self as #private::Request>::SERVICE);
                    #checks
                    __rules(self, &mut __ck);
                    __ck.finish()
                }

                #[inline]
                fn signing_params<'__a>(
                    &'__a self,
                    __common: &#private::CommonParams<'__a>,
                    __out: &mut ::std::vec::Vec<(&'static str, #private::__Cow<'__a, str>)>,
                ) {
                    #signing
                }

                fn accept<__V: #private::Visitor + ?::core::marker::Sized>(
                    __visitor: &mut __V,
                    __info: &#private::ServiceInfo,
                ) where
                    Self: 'static,
                {
                    __visitor.#visit_method::<Self>(__info)
                }

                fn from_params<__K: ::core::convert::AsRef<str>, __V: ::core::convert::AsRef<str>>(
                    __params: &[(__K, __V)],
                ) -> ::core::result::Result<Self, #private::ValidationErrors> {
                    #from_params
                }
            }

            #kind
            #track
            #debug
            #example
        };
    }
}
