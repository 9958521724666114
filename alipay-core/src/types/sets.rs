//! Closed value sets used by more than one service.

crate::wire_enum! {
    /// 物流类型: how goods travel (`transport_type`, `create_transport_type` of
    /// `send_goods_confirm_by_platform`; also the logistics type of escrow trades).
    ///
    /// Source: docs/protocol.md, `send_goods_confirm_by_platform` request parameters.
    pub enum TransportType {
        /// `POST`: 平邮 (surface mail).
        Post = "POST",
        /// `EXPRESS`: 快递 (express delivery).
        Express = "EXPRESS",
        /// `EMS`: EMS (China Post's express mail service).
        Ems = "EMS",
        /// `DIRECT`: 无需物流 (no logistics, e.g. virtual goods).
        Direct = "DIRECT",
    }
}

crate::wire_enum! {
    /// 交易状态: the state of a trade (`trade_status` in responses and notifications).
    ///
    /// Escrow trades (担保交易) move `WAIT_BUYER_PAY` → `WAIT_SELLER_SEND_GOODS` → (shipping, via
    /// `send_goods_confirm_by_platform`) → `WAIT_BUYER_CONFIRM_GOODS` → `TRADE_FINISHED`, or end in
    /// `TRADE_CLOSED` (docs/protocol.md). Instant-payment trades (即时到账, `create_direct_pay_by_user`)
    /// use `WAIT_BUYER_PAY`, `TRADE_SUCCESS`, `TRADE_PENDING`, `TRADE_FINISHED` and `TRADE_CLOSED`
    /// (Alipay's public notification documentation for that service).
    ///
    /// The set is closed: a state outside it fails to parse. Trade queries and COD trades can report
    /// further states; a field that may carry them should stay a `String`.
    pub enum TradeStatus {
        /// `WAIT_BUYER_PAY`: 等待买家付款 (trade created, buyer has not paid). Source: docs/protocol.md.
        WaitBuyerPay = "WAIT_BUYER_PAY",
        /// `WAIT_SELLER_SEND_GOODS`: 买家已付款，等待卖家发货 (paid, waiting for the seller to
        /// ship). The only state in which shipping is allowed. Source: docs/protocol.md.
        WaitSellerSendGoods = "WAIT_SELLER_SEND_GOODS",
        /// `WAIT_BUYER_CONFIRM_GOODS`: 卖家已发货，等待买家确认收货 (shipped, waiting for the buyer to
        /// confirm receipt). Source: docs/protocol.md and the shipping fixture.
        WaitBuyerConfirmGoods = "WAIT_BUYER_CONFIRM_GOODS",
        /// `TRADE_FINISHED`: 交易完成 (finished; no refund possible any more). Source: docs/protocol.md.
        TradeFinished = "TRADE_FINISHED",
        /// `TRADE_CLOSED`: 交易关闭 (closed: unpaid and timed out, cancelled, or fully refunded).
        /// Source: docs/protocol.md.
        TradeClosed = "TRADE_CLOSED",
        /// `TRADE_SUCCESS`: 交易成功 (paid; instant payment with refunds enabled, still refundable).
        /// Source: `create_direct_pay_by_user` notification documentation.
        TradeSuccess = "TRADE_SUCCESS",
        /// `TRADE_PENDING`: 等待卖家收款 (paid, but the seller cannot receive yet, e.g. the seller's
        /// account is frozen). Source: `create_direct_pay_by_user` notification documentation.
        TradePending = "TRADE_PENDING",
    }
}
