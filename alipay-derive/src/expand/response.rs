//! `#[derive(Response)]`: field table and a single-pass parser over the payload's children.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{allowed_and_format, const_assert, opt_str, private, wire, wire_consts};
use crate::internals::check::Response;

/// The whole expansion of a checked declaration.
pub(crate) fn expand(resp: &Response) -> TokenStream {
    let private = private();
    let ident = resp.ident;
    let element = &resp.element;
    let specs = resp.fields.iter().enumerate().map(|(i, p)| {
        let name = &p.wire;
        let label = &p.label;
        let ty = &p.ty_text;
        let nullable = p.field.optional;
        let example = opt_str(p.example.as_ref().map(|e| e.lit.value()).as_deref());
        let note = &p.note;
        let (allowed, format) = allowed_and_format(i, p);
        let w = wire(i);
        quote! {
            #private::FieldSpec {
                name: #name,
                label: #label,
                ty: #ty,
                nullable: #nullable,
                example: #example,
                note: #note,
                allowed: #allowed,
                format: #format,
                records: #w.records,
            }
        }
    });
    let asserts = resp
        .fields
        .iter()
        .filter_map(|p| p.example.as_ref().map(|ex| const_assert(p, ex)));
    let slots: Vec<_> = (0..resp.fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let decls = resp.fields.iter().zip(&slots).map(|(p, slot)| {
        let inner = p.field.inner;
        quote!(let mut #slot: ::core::option::Option<#inner> = ::core::option::Option::None;)
    });
    let arms = resp
        .fields
        .iter()
        .enumerate()
        .zip(&slots)
        .map(|((i, p), slot)| {
            let name = &p.wire;
            let w = wire(i);
            let parse = if p.field.optional {
                quote!(#private::opt_field)
            } else {
                quote!(#private::field)
            };
            // A child that appears twice is refused: the signature covers both copies, so taking
            // either one silently would type a value the other copy contradicts.
            quote!(#name => {
                if ::core::mem::replace(&mut __seen[#i], true) {
                    return ::core::result::Result::Err(#private::duplicate(#element, #name));
                }
                #slot = #parse(&#w, #element, #name, __text)?;
            })
        });
    let inits = resp.fields.iter().zip(&slots).map(|(p, slot)| {
        let member = p.field.member;
        let name = &p.wire;
        if p.field.optional {
            quote!(#member: #slot)
        } else {
            quote!(#member: #private::required(#slot, #element, #name)?)
        }
    });
    let writes = resp.fields.iter().enumerate().map(|(i, p)| {
        let member = p.field.member;
        let name = &p.wire;
        let w = wire(i);
        if p.field.optional {
            quote! {
                if let ::core::option::Option::Some(__v) = &self.#member {
                    #private::push(__out, #name, &#w, __v);
                }
            }
        } else {
            quote!(#private::push(__out, #name, &#w, &self.#member);)
        }
    });
    let wires = wire_consts(&resp.fields);
    let count = resp.fields.len();
    let body = if resp.fields.is_empty() {
        quote! {
            let _ = __payload;
            ::core::result::Result::Ok(Self {})
        }
    } else {
        quote! {
            #(#decls)*
            let mut __seen = [false; #count];
            for (__name, __text) in __payload.fields.iter() {
                match __name {
                    #(#arms)*
                    _ => {}
                }
            }
            ::core::result::Result::Ok(Self { #(#inits),* })
        }
    };
    quote! {
        const _: () = {
            #[allow(unused_imports)]
            use #private::NoValues as _;

            #wires
            #(#asserts)*

            #[automatically_derived]
            impl #private::Response for #ident {
                const ELEMENT: &'static str = #element;
                const FIELDS: &'static [#private::FieldSpec] = &[#(#specs),*];

                fn from_payload(
                    __payload: &#private::Payload,
                ) -> ::core::result::Result<Self, #private::ResponseFieldError> {
                    #body
                }

                fn write_fields<'__a>(
                    &'__a self,
                    __out: &mut ::std::vec::Vec<(&'static str, #private::__Cow<'__a, str>)>,
                ) {
                    let _ = &__out;
                    #(#writes)*
                }
            }
        };
    }
}
