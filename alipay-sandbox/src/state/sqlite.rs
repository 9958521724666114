//! The state file: SQLite tables mirroring [`Memory`], loaded whole on start.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alipay_core::Charset;
use alipay_core::types::{Amount, DateTime, TradeStatus, TransportType, WireValue};
use rusqlite::{Connection, OptionalExtension as _, params};

use super::ledger::{LedgerEntry, Movement};
use super::memory::Memory;
use super::records::{
    Account, GoodsRecord, Job, MerchantCode, PartnerRecord, PayoutBatch, RefundBatch,
};
use crate::SandboxError;
use crate::keys::PartnerCredentials;
use crate::model::{SandboxTrade, SentNotification, Shipment};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS partners (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    partner TEXT NOT NULL UNIQUE,
    md5_key TEXT NOT NULL,
    merchant_private_key_pem TEXT NOT NULL,
    merchant_public_key_pem TEXT NOT NULL,
    dsa_public_key_pem TEXT
);
CREATE TABLE IF NOT EXISTS sns_users (
    partner TEXT NOT NULL,
    sns_user_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    PRIMARY KEY (partner, sns_user_id)
);
CREATE TABLE IF NOT EXISTS goods (
    partner TEXT NOT NULL,
    outer_goods_id TEXT NOT NULL,
    goods_id TEXT NOT NULL UNIQUE,
    fields TEXT NOT NULL,
    PRIMARY KEY (partner, outer_goods_id)
);
CREATE TABLE IF NOT EXISTS trades (
    trade_no TEXT PRIMARY KEY,
    out_trade_no TEXT NOT NULL,
    partner TEXT NOT NULL,
    total_fee_fen INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    notify_url TEXT,
    buyer_user_id TEXT NOT NULL,
    create_time TEXT NOT NULL,
    last_modified_time TEXT NOT NULL,
    logistics_name TEXT,
    invoice_no TEXT,
    transport_type TEXT,
    shipped_time TEXT
);
CREATE TABLE IF NOT EXISTS refund_batches (
    partner TEXT NOT NULL,
    batch_no TEXT NOT NULL,
    notify_url TEXT,
    detail TEXT NOT NULL,
    charset TEXT NOT NULL,
    sign_type TEXT NOT NULL,
    results TEXT,
    success_num INTEGER,
    PRIMARY KEY (partner, batch_no)
);
CREATE TABLE IF NOT EXISTS accounts (
    logon TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    user_id TEXT NOT NULL,
    balance_fen INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS payout_batches (
    partner TEXT NOT NULL,
    batch_no TEXT NOT NULL,
    payer TEXT NOT NULL,
    notify_url TEXT,
    detail TEXT NOT NULL,
    charset TEXT NOT NULL,
    sign_type TEXT NOT NULL,
    success_details TEXT,
    fail_details TEXT,
    PRIMARY KEY (partner, batch_no)
);
CREATE TABLE IF NOT EXISTS ledger (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL,
    owner TEXT NOT NULL,
    movement TEXT NOT NULL,
    time TEXT NOT NULL,
    income_fen INTEGER NOT NULL,
    outcome_fen INTEGER NOT NULL,
    balance_fen INTEGER NOT NULL,
    trade_no TEXT NOT NULL,
    out_no TEXT,
    other TEXT,
    total_fee_fen INTEGER,
    memo TEXT
);
CREATE TABLE IF NOT EXISTS orders (
    trade_no TEXT PRIMARY KEY,
    params TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS qrcodes (
    code TEXT PRIMARY KEY,
    partner TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    trade_no TEXT NOT NULL,
    notify_url TEXT NOT NULL,
    charset TEXT NOT NULL,
    sign_type TEXT NOT NULL,
    params TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_due_ms INTEGER NOT NULL,
    done INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    trade_no TEXT NOT NULL,
    partner TEXT NOT NULL,
    notify_url TEXT NOT NULL,
    notify_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    params TEXT NOT NULL,
    status INTEGER,
    answer TEXT,
    error TEXT,
    acknowledged INTEGER NOT NULL
);
";

/// An open state file.
pub(crate) struct Db {
    conn: Connection,
}

impl Db {
    /// Opens (or creates) the state file and its tables.
    pub(crate) fn open(path: &Path) -> Result<Self, SandboxError> {
        let conn = Connection::open(path)
            .map_err(|e| SandboxError::State(format!("cannot open {}: {e}", path.display())))?;
        // The file holds MD5 keys and private keys: readable by its owner only. SQLite gives its
        // -wal and -shm files the database file's permissions.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
                |e| SandboxError::State(format!("cannot restrict {}: {e}", path.display())),
            )?;
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self { conn })
    }

    /// Reads the whole state.
    pub(crate) fn load(&self) -> Result<Memory, SandboxError> {
        let mut m = Memory {
            alipay_key_pem: self
                .conn
                .query_row(
                    "SELECT value FROM meta WHERE name = 'alipay_private_key_pem'",
                    [],
                    |r| r.get(0),
                )
                .optional()?,
            ..Memory::default()
        };
        self.load_partners(&mut m)?;

        let mut stmt = self
            .conn
            .prepare("SELECT partner, sns_user_id, user_key FROM sns_users")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        for row in rows {
            let (key, user_key) = row?;
            m.sns_users.insert(key, user_key);
        }

        let mut stmt = self
            .conn
            .prepare("SELECT partner, outer_goods_id, goods_id, fields FROM goods")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (partner, outer_goods_id, goods_id, fields) = row?;
            let record = GoodsRecord {
                fields: from_json(&fields)?,
                partner,
                outer_goods_id,
                goods_id,
            };
            m.goods_ids.insert(record.goods_id.clone());
            m.goods.insert(
                (record.partner.clone(), record.outer_goods_id.clone()),
                record,
            );
        }

        self.load_trades(&mut m)?;
        self.load_refund_batches(&mut m)?;
        self.load_payouts(&mut m)?;
        self.load_ledger(&mut m)?;
        self.load_qrcodes(&mut m)?;
        self.load_orders(&mut m)?;
        self.load_jobs(&mut m)?;
        self.load_deliveries(&mut m)?;
        Ok(m)
    }

    fn load_refund_batches(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self.conn.prepare(
            "SELECT partner, batch_no, notify_url, detail, charset, sign_type, results, success_num
             FROM refund_batches",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<u32>>(7)?,
            ))
        })?;
        for row in rows {
            let (partner, batch_no, notify_url, detail, charset, sign_type, results, success) =
                row?;
            let bad =
                |what: &str| SandboxError::State(format!("refund batch {batch_no}: bad {what}"));
            m.put_refund_batch(RefundBatch {
                charset: charset.parse().map_err(|_| bad("charset"))?,
                sign_type: sign_type.parse().map_err(|_| bad("sign type"))?,
                outcome: results.zip(success),
                partner,
                batch_no,
                notify_url,
                detail,
            });
        }
        Ok(())
    }

    fn load_payouts(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self
            .conn
            .prepare("SELECT logon, name, user_id, balance_fen FROM accounts")?;
        let rows = stmt.query_map([], |r| {
            Ok(Account {
                logon: r.get(0)?,
                name: r.get(1)?,
                user_id: r.get(2)?,
                balance_fen: r.get::<_, i64>(3)?.max(0).unsigned_abs(),
            })
        })?;
        for row in rows {
            let account = row?;
            m.accounts.insert(account.logon.clone(), account);
        }
        let mut stmt = self.conn.prepare(
            "SELECT partner, batch_no, payer, notify_url, detail, charset, sign_type,
                    success_details, fail_details
             FROM payout_batches",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get(1)?, r.get(2)?],
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                [r.get::<_, String>(5)?, r.get(6)?],
                r.get::<_, Option<String>>(7)?
                    .zip(r.get::<_, Option<String>>(8)?),
            ))
        })?;
        for row in rows {
            let ([partner, batch_no, payer], notify_url, detail, [charset, sign_type], outcome) =
                row?;
            let bad =
                |what: &str| SandboxError::State(format!("payout batch {batch_no}: bad {what}"));
            let batch = PayoutBatch {
                charset: charset.parse().map_err(|_| bad("charset"))?,
                sign_type: sign_type.parse().map_err(|_| bad("sign type"))?,
                partner,
                batch_no,
                payer,
                notify_url,
                detail,
                outcome,
            };
            m.payout_batches
                .insert((batch.partner.clone(), batch.batch_no.clone()), batch);
        }
        Ok(())
    }

    /// Reads the account log, in order.
    fn load_ledger(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, account, owner, movement, time, income_fen, outcome_fen, balance_fen,
                    trade_no, out_no, other, total_fee_fen, memo
             FROM ledger ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                [
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                ],
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, Option<i64>>(11)?,
                r.get::<_, Option<String>>(12)?,
            ))
        })?;
        let bad = |what: &str| SandboxError::State(format!("bad ledger row: {what}"));
        let fen = |n: i64| u64::try_from(n).map_err(|_| bad("a negative amount"));
        let mut entries = Vec::new();
        for row in rows {
            let (
                id,
                account,
                owner,
                movement,
                time,
                [income, outcome, balance],
                trade_no,
                out,
                other,
                total,
                memo,
            ) = row?;
            entries.push(LedgerEntry {
                id: fen(id)?,
                account,
                owner,
                movement: Movement::from_name(&movement).ok_or_else(|| bad(&movement))?,
                time: DateTime::parse(&time).map_err(|_| bad(&time))?,
                income_fen: fen(income)?,
                outcome_fen: fen(outcome)?,
                balance_fen: fen(balance)?,
                trade_no,
                merchant_out_order_no: out,
                other,
                total_fee_fen: total.map(fen).transpose()?,
                memo,
            });
        }
        m.ledger.apply(entries);
        Ok(())
    }

    /// Appends an entry of the account log.
    pub(crate) fn insert_ledger(&self, e: &LedgerEntry) -> rusqlite::Result<()> {
        let int = |n: u64| {
            i64::try_from(n).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
        };
        self.conn
            .execute(
                "INSERT INTO ledger (id, account, owner, movement, time, income_fen, outcome_fen,
                    balance_fen, trade_no, out_no, other, total_fee_fen, memo)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    int(e.id)?,
                    e.account,
                    e.owner,
                    e.movement.name(),
                    e.time.to_string(),
                    int(e.income_fen)?,
                    int(e.outcome_fen)?,
                    int(e.balance_fen)?,
                    e.trade_no,
                    e.merchant_out_order_no,
                    e.other,
                    e.total_fee_fen.map(int).transpose()?,
                    e.memo,
                ],
            )
            .map(drop)
    }

    /// The orders page services opened trades with.
    fn load_orders(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self.conn.prepare("SELECT trade_no, params FROM orders")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (trade_no, params) = row?;
            m.orders.insert(trade_no, from_json(&params)?);
        }
        Ok(())
    }

    /// Stores the order trade `trade_no` was opened with.
    pub(crate) fn save_order(
        &self,
        trade_no: &str,
        order: &[(String, String)],
    ) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT INTO orders (trade_no, params) VALUES (?1, ?2)
             ON CONFLICT (trade_no) DO UPDATE SET params = excluded.params",
            params![trade_no, to_json(order)],
        )?;
        Ok(())
    }

    /// The merchant QR codes, their business data read back with its rules.
    fn load_qrcodes(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self
            .conn
            .prepare("SELECT code, partner, data FROM qrcodes")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (code, partner, data) = row?;
            let data = serde_json::from_str(&data).map_err(|_| corrupt("qrcodes.data"))?;
            m.qrcodes.insert(code, MerchantCode { partner, data });
        }
        Ok(())
    }

    /// Stores merchant QR code `code`, replacing its business data.
    pub(crate) fn save_qrcode(&self, code: &str, record: &MerchantCode) -> rusqlite::Result<()> {
        let data = serde_json::to_string(&record.data)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn.execute(
            "INSERT INTO qrcodes (code, partner, data) VALUES (?1, ?2, ?3)
             ON CONFLICT (code) DO UPDATE SET data = excluded.data",
            rusqlite::params![code, record.partner, data],
        )?;
        Ok(())
    }

    /// Inserts or replaces an account.
    pub(crate) fn save_account(&self, a: &Account) -> rusqlite::Result<()> {
        let balance = i64::try_from(a.balance_fen)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO accounts (logon, name, user_id, balance_fen)
                 VALUES (?1, ?2, ?3, ?4)",
                params![a.logon, a.name, a.user_id, balance],
            )
            .map(drop)
    }

    /// Inserts or replaces a payout batch.
    pub(crate) fn save_payout_batch(&self, b: &PayoutBatch) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO payout_batches (partner, batch_no, payer, notify_url, detail,
                     charset, sign_type, success_details, fail_details)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    b.partner,
                    b.batch_no,
                    b.payer,
                    b.notify_url,
                    b.detail,
                    b.charset.as_str(),
                    b.sign_type.as_str(),
                    b.outcome.as_ref().map(|(s, _)| s),
                    b.outcome.as_ref().map(|(_, f)| f),
                ],
            )
            .map(drop)
    }

    /// Inserts or replaces a refund batch.
    pub(crate) fn save_refund_batch(&self, b: &RefundBatch) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO refund_batches (partner, batch_no, notify_url, detail,
                     charset, sign_type, results, success_num)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    b.partner,
                    b.batch_no,
                    b.notify_url,
                    b.detail,
                    b.charset.as_str(),
                    b.sign_type.as_str(),
                    b.outcome.as_ref().map(|(r, _)| r),
                    b.outcome.as_ref().map(|(_, n)| n),
                ],
            )
            .map(drop)
    }

    fn load_partners(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let alipay_public = match &m.alipay_key_pem {
            Some(pem) => crate::keys::AlipayKey::from_private_pem(pem.clone())?.public_pem,
            None => String::new(),
        };
        let mut stmt = self.conn.prepare(
            "SELECT partner, md5_key, merchant_private_key_pem, merchant_public_key_pem,
                    dsa_public_key_pem
             FROM partners ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                PartnerCredentials {
                    partner: r.get(0)?,
                    md5_key: r.get(1)?,
                    merchant_private_key_pem: r.get(2)?,
                    merchant_public_key_pem: r.get(3)?,
                    alipay_public_key_pem: alipay_public.clone(),
                },
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (credentials, dsa) = row?;
            m.add_partner(PartnerRecord::new(credentials, dsa)?);
        }
        Ok(())
    }

    fn load_trades(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self.conn.prepare(
            "SELECT trade_no, out_trade_no, partner, total_fee_fen, kind, status, notify_url,
                    buyer_user_id, create_time, last_modified_time, logistics_name, invoice_no,
                    transport_type, shipped_time
             FROM trades ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let logistics_name: Option<String> = r.get(10)?;
            let shipment = match logistics_name {
                Some(logistics_name) => Some(Shipment {
                    logistics_name,
                    invoice_no: r.get(11)?,
                    transport_type: r
                        .get::<_, Option<String>>(12)?
                        .map(|t| wire::<TransportType>(&t))
                        .transpose()?,
                    time: wire::<DateTime>(&r.get::<_, String>(13)?)?,
                }),
                None => None,
            };
            let fen: i64 = r.get(3)?;
            m.put_trade(SandboxTrade {
                trade_no: r.get(0)?,
                out_trade_no: r.get(1)?,
                partner: r.get(2)?,
                total_fee: Amount::from_fen(
                    u64::try_from(fen).map_err(|_| corrupt("total_fee_fen"))?,
                ),
                kind: r.get::<_, String>(4)?.parse()?,
                status: wire::<TradeStatus>(&r.get::<_, String>(5)?)?,
                notify_url: r.get(6)?,
                buyer_user_id: r.get(7)?,
                create_time: wire::<DateTime>(&r.get::<_, String>(8)?)?,
                last_modified_time: wire::<DateTime>(&r.get::<_, String>(9)?)?,
                shipment,
            });
        }
        Ok(())
    }

    fn load_jobs(&self, m: &mut Memory) -> Result<(), SandboxError> {
        m.next_job_id = self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM jobs", [], |r| {
                r.get::<_, i64>(0)
            })?
            .try_into()
            .map_err(|_| corrupt("jobs.id"))?;
        let mut stmt = self.conn.prepare(
            "SELECT id, partner, trade_no, notify_url, charset, sign_type, params, attempts,
                    next_due_ms
             FROM jobs WHERE done = 0",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let job = Job {
                id: u64::try_from(id).map_err(|_| corrupt("jobs.id"))?,
                partner: r.get(1)?,
                trade_no: r.get(2)?,
                notify_url: r.get(3)?,
                charset: Charset::from_label(&r.get::<_, String>(4)?)
                    .map_err(|_| corrupt("jobs.charset"))?,
                sign_type: r
                    .get::<_, String>(5)?
                    .parse()
                    .map_err(|_| corrupt("jobs.sign_type"))?,
                params: from_json(&r.get::<_, String>(6)?)?,
                attempts: r.get(7)?,
                next_due: from_millis(r.get(8)?),
                done: false,
            };
            m.jobs.insert(job.id, job);
        }
        Ok(())
    }

    fn load_deliveries(&self, m: &mut Memory) -> Result<(), SandboxError> {
        let mut stmt = self.conn.prepare(
            "SELECT trade_no, partner, notify_url, notify_id, attempt, time_ms, params, status,
                    answer, error, acknowledged
             FROM deliveries ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let delivery = SentNotification {
                trade_no: r.get(0)?,
                partner: r.get(1)?,
                notify_url: r.get(2)?,
                notify_id: r.get(3)?,
                attempt: r.get(4)?,
                time: from_millis(r.get(5)?),
                params: from_json(&r.get::<_, String>(6)?)?,
                status: r.get(7)?,
                answer: r.get(8)?,
                error: r.get(9)?,
                acknowledged: r.get(10)?,
            };
            m.notify_ids.insert(
                delivery.notify_id.clone(),
                (delivery.partner.clone(), delivery.time),
            );
            m.deliveries.push(delivery);
        }
        Ok(())
    }

    /// Sets a `meta` value.
    pub(crate) fn set_meta(&self, name: &str, value: &str) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (name, value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                params![name, value],
            )
            .map(drop)
    }

    /// Adds a partner.
    pub(crate) fn insert_partner(&self, record: &PartnerRecord) -> rusqlite::Result<()> {
        let c = &record.credentials;
        self.conn
            .execute(
                "INSERT INTO partners (partner, md5_key, merchant_private_key_pem,
                                       merchant_public_key_pem, dsa_public_key_pem)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    c.partner,
                    c.md5_key,
                    c.merchant_private_key_pem,
                    c.merchant_public_key_pem,
                    record.dsa_public_key_pem
                ],
            )
            .map(drop)
    }

    /// Registers a partner's DSA public key.
    pub(crate) fn set_dsa_key(&self, partner: &str, pem: &str) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "UPDATE partners SET dsa_public_key_pem = ?2 WHERE partner = ?1",
                params![partner, pem],
            )
            .map(drop)
    }

    /// Adds or replaces an SNS user.
    pub(crate) fn put_sns_user(
        &self,
        partner: &str,
        sns_user_id: &str,
        key: &str,
    ) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT INTO sns_users (partner, sns_user_id, user_key) VALUES (?1, ?2, ?3)
                 ON CONFLICT (partner, sns_user_id) DO UPDATE SET user_key = excluded.user_key",
                params![partner, sns_user_id, key],
            )
            .map(drop)
    }

    /// Adds goods.
    pub(crate) fn insert_goods(&self, goods: &GoodsRecord) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT INTO goods (partner, outer_goods_id, goods_id, fields) VALUES (?1, ?2, ?3, ?4)",
                params![
                    goods.partner,
                    goods.outer_goods_id,
                    goods.goods_id,
                    to_json(&goods.fields)
                ],
            )
            .map(drop)
    }

    /// Inserts or replaces a trade.
    pub(crate) fn save_trade(&self, t: &SandboxTrade) -> rusqlite::Result<()> {
        let fen = i64::try_from(t.total_fee.fen())
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let s = t.shipment.as_ref();
        self.conn
            .execute(
                "INSERT OR REPLACE INTO trades (trade_no, out_trade_no, partner, total_fee_fen, kind,
                     status, notify_url, buyer_user_id, create_time, last_modified_time,
                     logistics_name, invoice_no, transport_type, shipped_time)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    t.trade_no,
                    t.out_trade_no,
                    t.partner,
                    fen,
                    t.kind.as_str(),
                    t.status.as_str(),
                    t.notify_url,
                    t.buyer_user_id,
                    t.create_time.to_string(),
                    t.last_modified_time.to_string(),
                    s.map(|s| s.logistics_name.as_str()),
                    s.and_then(|s| s.invoice_no.as_deref()),
                    s.and_then(|s| s.transport_type).map(|t| t.as_str()),
                    s.map(|s| s.time.to_string()),
                ],
            )
            .map(drop)
    }

    /// Inserts or updates a notification job.
    pub(crate) fn save_job(&self, job: &Job) -> rusqlite::Result<()> {
        let id = i64::try_from(job.id)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn
            .execute(
                "INSERT OR REPLACE INTO jobs (id, partner, trade_no, notify_url, charset, sign_type,
                     params, attempts, next_due_ms, done)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    job.partner,
                    job.trade_no,
                    job.notify_url,
                    job.charset.as_str(),
                    job.sign_type.as_str(),
                    to_json(&job.params),
                    job.attempts,
                    to_millis(job.next_due),
                    job.done,
                ],
            )
            .map(drop)
    }

    /// Appends a delivery attempt.
    pub(crate) fn insert_delivery(&self, d: &SentNotification) -> rusqlite::Result<()> {
        self.conn
            .execute(
                "INSERT INTO deliveries (trade_no, partner, notify_url, notify_id, attempt, time_ms,
                     params, status, answer, error, acknowledged)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    d.trade_no,
                    d.partner,
                    d.notify_url,
                    d.notify_id,
                    d.attempt,
                    to_millis(d.time),
                    to_json(&d.params),
                    d.status,
                    d.answer,
                    d.error,
                    d.acknowledged,
                ],
            )
            .map(drop)
    }
}

fn corrupt(what: &str) -> SandboxError {
    SandboxError::State(format!("the state file holds an invalid {what}"))
}

/// A stored wire value (trade status, transport type, time).
fn wire<T: WireValue>(text: &str) -> Result<T, SandboxError> {
    T::parse_wire(text).map_err(|e| SandboxError::State(format!("the state file holds {e}")))
}

fn to_json(pairs: &[(String, String)]) -> String {
    // Serialising strings cannot fail.
    serde_json::to_string(pairs).unwrap_or_default()
}

fn from_json(text: &str) -> Result<Vec<(String, String)>, SandboxError> {
    serde_json::from_str(text)
        .map_err(|e| SandboxError::State(format!("bad stored parameters: {e}")))
}

fn to_millis(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn from_millis(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}
