//! `sns.create.goods.ws`: an SNS user (the seller) creates goods.
//!
//! - The SNS user must be registered for the partner with this key
//!   ([`Admin::create_sns_user`](crate::Admin::create_sns_user)), else `ILLEGAL_USER_KEY`.
//! - Goods are stored per partner and `outer_goods_id`: a repeat is `GOODS_EXISTS_ERROR`.
//! - `goods_id`: 16 digits, today's Beijing date then 8 digits (like `2011092300022596`).
//! - `create_time` is now and `valid_time` now + `valid_date` days, both Beijing time
//!   `yyyyMMddHHmmss`; `rec_days` follows `flow_type` (surface mail 30, express and no logistics
//!   10); `biz_status` is `1` (on sale).
//! - `seller_sns_id` is `sns_user_id`, `buyer_max_num` is `buy_max_num`, `flow_fee` is echoed
//!   with two decimals (absent when not sent), amounts are written with two decimals.
//! - `who_pay` is echoed; when absent (allowed only without logistics, `flow_type` 8) it is `2`,
//!   the seller: there is no shipping to pay for, and the seller is the party of the contract.

use alipay_core::ErrorCode;
use alipay_core::types::CompactTime;
use alipay_services::sns_create_goods_ws::{
    BizStatus, CreateGoods, FlowType, Goods, ValidDate, WhoPay,
};

use crate::registry::{Call, Outcome, Payload, Reply};
use crate::state::GoodsRecord;

/// Creates the goods, or refuses with `ILLEGAL_USER_KEY` / `GOODS_EXISTS_ERROR`.
pub(crate) fn create(call: &Call<'_>, request: CreateGoods) -> Result<Outcome, ErrorCode> {
    let world = call.world;
    let partner = call.partner_id();
    match world.state.sns_user_key(partner, &request.sns_user_id) {
        Some(key) if key == request.key => {}
        _ => return Err(ErrorCode::IllegalUserKey),
    }
    let create_time = CompactTime::now();
    let valid_time = valid_until(create_time, request.valid_date).ok_or(ErrorCode::SystemError)?;
    let inserted = world.state.insert_goods(
        partner,
        &request.outer_goods_id,
        || world.dated_number(),
        |goods_id| GoodsRecord {
            partner: partner.to_owned(),
            outer_goods_id: request.outer_goods_id.clone(),
            fields: goods_payload(&request, &goods_id, create_time, valid_time)
                .fields
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            goods_id,
        },
    );
    match inserted {
        Ok(Some(record)) => Ok(Reply::Payload(goods_payload(
            &request,
            &record.goods_id,
            create_time,
            valid_time,
        ))
        .into()),
        Ok(None) => Err(ErrorCode::GoodsExistsError),
        Err(e) => {
            tracing::error!(target: "alipay_sandbox", error = %e, "cannot store goods");
            Err(ErrorCode::SystemError)
        }
    }
}

/// `valid_date` in days.
fn days(valid_date: ValidDate) -> i64 {
    match valid_date {
        ValidDate::OneDay => 1,
        ValidDate::ThreeDays => 3,
        ValidDate::SevenDays => 7,
        ValidDate::FifteenDays => 15,
        ValidDate::ThirtyDays => 30,
    }
}

/// `create_time` + `valid_date` days.
fn valid_until(create_time: CompactTime, valid_date: ValidDate) -> Option<CompactTime> {
    let end = create_time
        .beijing()
        .checked_add(time::Duration::days(days(valid_date)))?;
    CompactTime::new(end)
}

/// 确认收货超时天数: surface mail 30 days, express and no logistics 10.
fn rec_days(flow_type: FlowType) -> u32 {
    match flow_type {
        FlowType::Post => 30,
        FlowType::Express | FlowType::NoLogistics => 10,
    }
}

/// The `<goods>` payload: a typed [`Goods`], written in table order by the derive.
fn goods_payload(
    request: &CreateGoods,
    goods_id: &str,
    create_time: CompactTime,
    valid_time: CompactTime,
) -> Payload {
    Payload::typed(&Goods {
        seller_sns_id: request.sns_user_id.clone(),
        outer_goods_id: request.outer_goods_id.clone(),
        goods_id: goods_id.to_owned(),
        goods_name: request.goods_name.clone(),
        goods_info: request.goods_info.clone(),
        goods_fee: request.goods_fee,
        goods_total_num: request.goods_total_num,
        buyer_max_num: request.buy_max_num,
        flow_type: request.flow_type,
        flow_fee: request.flow_fee,
        who_pay: request.who_pay.unwrap_or(WhoPay::Seller),
        valid_time,
        rec_days: rec_days(request.flow_type),
        create_time,
        biz_status: BizStatus::OnSale,
    })
}

#[cfg(test)]
mod tests {
    use alipay_core::Response as _;
    use alipay_core::xml::Payload as XmlPayload;

    use super::*;

    #[test]
    fn payload_fills_every_field_of_the_table_and_parses() {
        let request = CreateGoods::example();
        let create_time: CompactTime = "20110923093412".parse().unwrap();
        let valid_time = valid_until(create_time, request.valid_date).unwrap();
        let payload = goods_payload(&request, "2011092300022596", create_time, valid_time);
        let names: Vec<&str> = payload.fields.iter().map(|(k, _)| *k).collect();
        let declared: Vec<&str> = Goods::FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, declared, "every field, in the declared order");

        let xml = XmlPayload {
            name: "goods".into(),
            fields: payload
                .fields
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect(),
        };
        let goods = Goods::from_payload(&xml).unwrap();
        assert_eq!(goods.valid_time.to_string(), "20111008093412"); // example: 15 days
        assert_eq!(goods.rec_days, 30); // example: flow_type 1
        assert_eq!(goods.buyer_max_num, request.buy_max_num);
        assert_eq!(goods.flow_fee.map(|f| f.to_string()), Some("11.50".into()));
    }

    #[test]
    fn rules() {
        assert_eq!(rec_days(FlowType::Post), 30);
        assert_eq!(rec_days(FlowType::Express), 10);
        assert_eq!(rec_days(FlowType::NoLogistics), 10);
        let t: CompactTime = "20111231230000".parse().unwrap();
        let end = valid_until(t, ValidDate::OneDay).unwrap();
        assert_eq!(end.to_string(), "20120101230000");
        let end = valid_until(t, ValidDate::ThirtyDays).unwrap();
        assert_eq!(end.to_string(), "20120130230000");
    }
}
