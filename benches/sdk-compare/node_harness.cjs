// The workloads of run.sh on the official Node SDK, `alipay-sdk` (an OpenAPI SDK: RSA/RSA2 and
// JSON), timed like alipay-core/benches/sdk_workloads.rs.
//
//   node node_harness.cjs INPUTS_DIR NODE_MODULES_DIR   → one JSON object on stdout
//
// What is measured (the SDK has no MAPI pipeline, so each workload uses its lowest-level piece
// doing the same work; the steps around it copy what the SDK's own code does):
// - prepare_md5: the canonical-string and encoding steps of the SDK's `sign()` (lib util.js: keys
//   sorted, `k=v` joined with `&`) and `sdkExecute()` (`k=encodeURIComponent(v)` joined), with
//   node:crypto MD5 of string + key in place of its RSA `createSign`. The SDK has no MD5.
// - prepare_rsa2: the same steps, signed with the SDK's `signatureV3(string, privateKey)` (util.js:
//   `createSign('RSA-SHA256')…sign(pem, 'base64')`, the call its `sign()` makes for RSA2), with the
//   key as the SDK holds it (`sdk.config.privateKey`, a PEM string, parsed by OpenSSL on each call).
// - parse_verify: the XML parsed with fast-xml-parser (the SDK has no XML support; values kept as
//   text), `<is_success>` and `<sign_type>` checked, the payload's canonical string, and the SDK's
//   public `sdk.rsaCheck(string, sign, 'RSA2')`.
// - notify_verify: the body decoded with node:querystring (what express.urlencoded uses), the
//   canonical string (empty values dropped), `sdk.rsaCheck`: one verification.
// Reference points (footnotes, not in the ratios):
// - notify_public_api: node:querystring + the SDK's public `checkNotifySignV2(postData)`, given the
//   parameters with empty values removed (it signs empty values, MAPI does not). It verifies twice
//   on a MAPI notification: first over a string that includes `sign_type`, which fails, then without.
// - prepare_rsa2_keyobject, parse_verify_keyobject: the same with node:crypto and a KeyObject made
//   once (not what the SDK does): how much of the SDK's time is decoding its PEM key on every call.
// - json_response_check: the SDK's own sync-response check on the same payload as JSON
//   (`JSON.parse` + `checkResponseSign(raw, key, sign)`), what `exec()` does after the HTTP call.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const querystring = require('node:querystring');

if (process.argv.length !== 4) {
  console.error('usage: node node_harness.cjs INPUTS_DIR NODE_MODULES_DIR');
  process.exit(2);
}
const [inputsDir, modulesDir] = process.argv.slice(2).map((p) => path.resolve(p));
const { AlipaySdk } = require(path.join(modulesDir, 'alipay-sdk'));
// util.js is not in the package's exports map; it is loaded by its file path.
const util = require(path.join(modulesDir, 'alipay-sdk', 'dist', 'commonjs', 'util.js'));
const { XMLParser } = require(path.join(modulesDir, 'fast-xml-parser'));
const version = (name) =>
  JSON.parse(fs.readFileSync(path.join(modulesDir, name, 'package.json'), 'utf8')).version;

const input = (name) => fs.readFileSync(path.join(inputsDir, name));
const params = Object.fromEntries(
  input('params.tsv').toString('utf8').split('\n').filter(Boolean).map((line) => line.split('\t')),
);
const md5Key = input('md5_key.txt').toString('utf8');
const responseXml = input('response.xml');
const responseJson = input('response.json').toString('utf8');
const notifyBody = input('notify.txt').toString('utf8');

const sdk = new AlipaySdk({
  appId: '2088002464631181',
  keyType: 'PKCS8',
  privateKey: input('rsa2048_pkcs8.pem').toString('utf8'),
  alipayPublicKey: input('rsa2048_pub_spki.pem').toString('utf8'),
  signType: 'RSA2',
});

/** MAPI's canonical string: all but sign/sign_type, empty values dropped, sorted by name. */
function canonical(obj) {
  return signedKeys(obj).map((k) => `${k}=${obj[k]}`).join('&');
}

function signedKeys(obj) {
  return Object.keys(obj).filter((k) => k !== 'sign' && k !== 'sign_type' && obj[k] !== '').sort();
}

/**
 * The SDK's `sign()` steps (sort the keys, join `k=v`, sign) then `sdkExecute()`'s encoding
 * (`k=encodeURIComponent(v)` joined), with the keys sorted once for both, and `sign_type`, `sign`.
 */
function prepare(signType, signString) {
  const keys = signedKeys(params);
  const sign = signString(keys.map((k) => `${k}=${params[k]}`).join('&'));
  const pairs = keys.map((k) => `${k}=${encodeURIComponent(params[k])}`);
  pairs.push(`sign_type=${signType}`, `sign=${encodeURIComponent(sign)}`);
  return pairs.join('&');
}

const prepareMd5 = () =>
  prepare('MD5', (s) => crypto.createHash('md5').update(s + md5Key, 'utf8').digest('hex'));
const prepareRsa2 = () => prepare('RSA2', (s) => util.signatureV3(s, sdk.config.privateKey));

const privateKeyObject = crypto.createPrivateKey(sdk.config.privateKey);
const publicKeyObject = crypto.createPublicKey(sdk.config.alipayPublicKey);
const prepareRsa2KeyObject = () =>
  prepare('RSA2', (s) => crypto.createSign('RSA-SHA256').update(s, 'utf8').sign(privateKeyObject, 'base64'));

const xmlParser = new XMLParser({ parseTagValue: false });

function parseVerify() {
  const doc = xmlParser.parse(responseXml).alipay;
  if (doc.is_success !== 'T' || doc.sign_type !== 'RSA2') throw new Error('unexpected envelope');
  if (!sdk.rsaCheck(canonical(doc.response.goods), doc.sign, 'RSA2')) throw new Error('bad sign');
  return doc;
}

function parseVerifyKeyObject() {
  const doc = xmlParser.parse(responseXml).alipay;
  if (doc.is_success !== 'T' || doc.sign_type !== 'RSA2') throw new Error('unexpected envelope');
  const verifier = crypto.createVerify('RSA-SHA256').update(canonical(doc.response.goods), 'utf8');
  if (!verifier.verify(publicKeyObject, doc.sign, 'base64')) throw new Error('bad sign');
  return doc;
}

function notifyVerify() {
  const form = querystring.parse(notifyBody);
  if (form.sign_type !== 'RSA2' || !form.notify_id) throw new Error('unexpected notification');
  if (!sdk.rsaCheck(canonical(form), form.sign, 'RSA2')) throw new Error('bad sign');
  return form;
}

function notifyPublicApi() {
  const form = querystring.parse(notifyBody);
  for (const k of Object.keys(form)) if (form[k] === '') delete form[k];
  if (!sdk.checkNotifySignV2(form)) throw new Error('bad sign');
  return form;
}

const responseKey = 'sns_create_goods_ws_response';
function jsonResponseCheck() {
  const doc = JSON.parse(responseJson);
  sdk.checkResponseSign(responseJson, responseKey, doc.sign, ''); // throws on a bad signature
  return doc[responseKey];
}

/** Same method as sdk_workloads.rs: warm up, ~5 ms batches for `seconds`, median per op. */
function measure(seconds, op) {
  const now = () => Number(process.hrtime.bigint());
  const warm = Math.max(seconds / 10, 0.2) * 1e9;
  let start = now();
  let n = 0;
  while (now() - start < warm) {
    op();
    n++;
  }
  const perOp = (now() - start) / n;
  const batch = Math.max(1, Math.ceil(5e6 / perOp));
  const samples = [];
  start = now();
  while (now() - start < seconds * 1e9 || samples.length < 11) {
    const t = now();
    for (let i = 0; i < batch; i++) op();
    samples.push((now() - t) / batch);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const median = samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  return { median_ns: median, batches: samples.length, batch };
}

const seconds = Number(process.env.BENCH_SECONDS || 2);
const outputs = { md5_query: prepareMd5(), rsa2_query: prepareRsa2() };
if (prepareRsa2KeyObject() !== outputs.rsa2_query) throw new Error('KeyObject signature differs');
parseVerify();
parseVerifyKeyObject();
notifyVerify();
notifyPublicApi();
jsonResponseCheck();
const results = {
  prepare_md5: measure(seconds, prepareMd5),
  prepare_rsa2: measure(seconds, prepareRsa2),
  parse_verify: measure(seconds, parseVerify),
  notify_verify: measure(seconds, notifyVerify),
  prepare_rsa2_keyobject: measure(seconds, prepareRsa2KeyObject),
  parse_verify_keyobject: measure(seconds, parseVerifyKeyObject),
  notify_public_api: measure(seconds, notifyPublicApi),
  json_response_check: measure(seconds, jsonResponseCheck),
};
console.log(JSON.stringify({
  sdk: 'alipay-sdk',
  version: version('alipay-sdk'),
  runtime: `node ${process.version} (OpenSSL ${process.versions.openssl})`,
  deps: { 'fast-xml-parser': version('fast-xml-parser') },
  results,
  outputs,
}));
