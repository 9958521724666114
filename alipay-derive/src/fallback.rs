//! Stub impls emitted beside compile errors (thiserror's `fallback.rs`).
//!
//! When a declaration is wrong, the user should see the errors about it, not a cascade of
//! "trait `Request` is not implemented" errors from every use of the type.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::private;

/// A `Request` impl (and `example()`) whose bodies are unreachable, and the `Debug` the derive
/// provides (printing no field, so it needs no bounds and shows no secret).
pub(crate) fn request(input: &syn::DeriveInput, response: Option<&syn::Type>) -> TokenStream {
    let private = private();
    let ident = &input.ident;
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let response = match response {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::Request for #ident #ty_generics #where_clause {
                const SERVICE: &'static str = "";
                const METHOD: #private::Method = #private::Method::Post;
                const PARAMS: &'static [#private::ParamSpec] = &[];
                type Response = #response;

                fn validate(&self) -> ::core::result::Result<(), #private::ValidationErrors> {
                    ::core::unreachable!()
                }

                fn signing_params<'__a>(
                    &'__a self,
                    _: &#private::CommonParams<'__a>,
                    _: &mut ::std::vec::Vec<(&'static str, #private::__Cow<'__a, str>)>,
                ) {
                    ::core::unreachable!()
                }

                fn accept<__V: #private::Visitor + ?::core::marker::Sized>(
                    _: &mut __V,
                    _: &#private::ServiceInfo,
                ) where
                    Self: 'static,
                {
                    ::core::unreachable!()
                }

                fn from_params<__K: ::core::convert::AsRef<str>, __V: ::core::convert::AsRef<str>>(
                    _: &[(__K, __V)],
                ) -> ::core::result::Result<Self, #private::ValidationErrors> {
                    ::core::unreachable!()
                }
            }

            // Both kinds, so no use of the type adds a "page service" / "API service" error to
            // the declaration's own.
            #[automatically_derived]
            impl #impl_generics #private::ApiService for #ident #ty_generics #where_clause {}
            #[automatically_derived]
            impl #impl_generics #private::PageService for #ident #ty_generics #where_clause {}

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    __f.debug_struct(#name).finish_non_exhaustive()
                }
            }

            #[automatically_derived]
            impl #impl_generics #ident #ty_generics #where_clause {
                #[doc(hidden)]
                pub fn example() -> Self {
                    ::core::unreachable!()
                }
            }
        };
    }
}

/// A `Response` impl whose body is unreachable.
pub(crate) fn response(input: &syn::DeriveInput) -> TokenStream {
    let private = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::Response for #ident #ty_generics #where_clause {
                const ELEMENT: &'static str = "";
                const FIELDS: &'static [#private::FieldSpec] = &[];

                fn from_payload(
                    _: &#private::Payload,
                ) -> ::core::result::Result<Self, #private::ResponseFieldError> {
                    ::core::unreachable!()
                }

                fn write_fields<'__a>(
                    &'__a self,
                    _: &mut ::std::vec::Vec<(&'static str, #private::__Cow<'__a, str>)>,
                ) {
                    ::core::unreachable!()
                }
            }
        };
    }
}

/// A `Notification` impl whose body is unreachable, and the `Debug` the derive provides.
pub(crate) fn notification(input: &syn::DeriveInput) -> TokenStream {
    let private = private();
    let ident = &input.ident;
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::Notification for #ident #ty_generics #where_clause {
                const SERVICE: &'static str = "";
                const KIND: #private::NotificationKind = #private::NotificationKind::Notify;
                const FIELDS: &'static [#private::ParamSpec] = &[];

                fn from_params<__K: ::core::convert::AsRef<str>, __V: ::core::convert::AsRef<str>>(
                    _: &[(__K, __V)],
                ) -> ::core::result::Result<Self, #private::ValidationErrors> {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    __f.debug_struct(#name).finish_non_exhaustive()
                }
            }
        };
    }
}
