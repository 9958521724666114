//! The declared MAPI services, one module per service.
//!
//! Each module holds the request struct, the response payload struct, the service's closed value
//! sets and its error codes, transcribed from the spec table (see `shared/PROTOCOL.md` for the
//! corrections applied to the extracted text).

pub mod send_goods_confirm;
pub mod single_trade_query;
pub mod sns_create_goods;
