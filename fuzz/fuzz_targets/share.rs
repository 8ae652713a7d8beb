//! Share links: `SharePayload::decode`, the function the wasm
//! `decode_share` calls on the text after `#s=`.
//!
//! First byte even: the rest is the link text as typed or pasted (mostly
//! stops at base64, length, deflate or the checksum). First byte odd: the
//! rest is payload JSON, framed with the right checksum and dictionary
//! deflate, so the schema and `validate` checks are reached too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thonso_core::share::{frame_json, SharePayload};
use thonso_fuzz::assert_clean;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let link = if mode & 1 == 0 { String::from_utf8_lossy(rest).into_owned() } else { frame_json(rest) };
    match SharePayload::decode(&link) {
        Ok(p) => {
            // A payload that decodes must encode and decode again.
            let again = p.encode().expect("decoded payload re-encodes");
            SharePayload::decode(&again).expect("re-encoded payload decodes");
        }
        Err(e) => assert_clean(&e),
    }
});
