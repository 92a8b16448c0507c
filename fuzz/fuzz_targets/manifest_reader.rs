//! Any bytes as a `manifest.jsonl`: never a panic; at most one entry per
//! line, and every error names the manifest and a line that exists.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&byte| byte == b'\n').count();
    let (entries, errors) = rasid_docs::read_manifest_bytes(data, "manifest.jsonl", 512);
    assert!(entries <= lines, "{entries} entries from {lines} lines");
    for error in errors {
        assert_eq!(error.path(), "manifest.jsonl");
        if let Some(line) = error.line() {
            assert!((1..=lines).contains(&line), "line {line} of {lines}");
        }
    }
});
