//! Share links: `SharePayload::decode`, the function the wasm
//! `decode_share` calls on the text after `#s=`.
//!
//! First byte even: the rest is the link text as typed or pasted (mostly
//! stops at base64, length, deflate or the checksum). First byte odd: the
//! rest is payload JSON, framed with the right checksum and dictionary
//! deflate, so the schema and `validate` checks are reached too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| thonso_fuzz::check_share(data));
