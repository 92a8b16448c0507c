//! UTF-16 text with a byte-order mark (`FF FE` little-endian, `FE FF`
//! big-endian), as Windows tools save "Unicode" text: decoded to UTF-8 before
//! anything else reads it. Without a byte-order mark UTF-16 is not guessed:
//! its NUL bytes make it binary data.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// The UTF-16 encoding whose byte-order mark `bytes` start with.
pub(crate) fn utf16_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(UTF_16LE),
        [0xFE, 0xFF, ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// `bytes` (byte-order mark included) decoded, or the offset of the first
/// byte that is not valid UTF-16.
pub(crate) fn decode_utf16(bytes: &[u8], encoding: &'static Encoding) -> Result<String, u64> {
    let body = &bytes[2..];
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(body.len());
            let (_, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
            Err(2 + read as u64)
        }
    }
}

/// A UTF-16 stream (after its byte-order mark) read as UTF-8.
pub(crate) struct Utf16Reader<R> {
    inner: R,
    decoder: Decoder,
    /// Decoded bytes not yet handed out.
    pending: Vec<u8>,
    start: usize,
    /// Bytes of `inner` consumed, the byte-order mark included.
    consumed: u64,
    finished: bool,
}

impl<R: BufRead> Utf16Reader<R> {
    /// `inner` positioned after the byte-order mark of `encoding`.
    pub(crate) fn new(inner: R, encoding: &'static Encoding) -> Self {
        Self {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            pending: Vec::new(),
            start: 0,
            consumed: 2,
            finished: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.pending.clear();
        self.start = 0;
        while self.pending.is_empty() && !self.finished {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let mut out = vec![
                0;
                self.decoder
                    .max_utf8_buffer_length(input.len())
                    .unwrap_or(input.len() * 3 + 16)
                    .max(16)
            ];
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(input, &mut out, last);
            out.truncate(written);
            self.pending = out;
            self.inner.consume(read);
            self.consumed += read as u64;
            match result {
                DecoderResult::InputEmpty => self.finished = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, _) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "not valid UTF-16 (byte {})",
                            self.consumed.saturating_sub(u64::from(bad))
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.start >= self.pending.len() {
            self.refill()?;
        }
        let available = &self.pending[self.start..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.start += n;
        Ok(n)
    }
}

/// `reader` as UTF-8: decoded from UTF-16 when it starts with a UTF-16
/// byte-order mark, else unchanged.
pub(crate) fn utf8_stream<R: BufRead + Send + 'static>(mut reader: R) -> Box<dyn BufRead + Send> {
    let encoding = match reader.fill_buf() {
        Ok(head) if head.len() >= 2 => utf16_bom(head),
        _ => None,
    };
    match encoding {
        Some(encoding) => {
            reader.consume(2);
            Box::new(io::BufReader::with_capacity(
                64 * 1024,
                Utf16Reader::new(reader, encoding),
            ))
        }
        None => Box::new(reader),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor, Read};

    use super::{decode_utf16, utf16_bom, utf8_stream};

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn whole_buffers_in_either_byte_order() {
        let le = utf16le("قصف\n");
        assert_eq!(
            decode_utf16(&le, utf16_bom(&le).expect("a mark")).as_deref(),
            Ok("قصف\n")
        );
        let mut be = vec![0xFE, 0xFF];
        for unit in "قصف".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(
            decode_utf16(&be, utf16_bom(&be).expect("a mark")).as_deref(),
            Ok("قصف")
        );
    }

    #[test]
    fn a_lone_surrogate_is_named_by_its_byte() {
        let mut bytes = utf16le("ab");
        bytes.extend_from_slice(&0xD800_u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'c').to_le_bytes());
        let encoding = utf16_bom(&bytes).expect("a mark");
        assert!(decode_utf16(&bytes, encoding).is_err());
    }

    #[test]
    fn streams_decode_across_small_buffers() {
        let text = "{\"text\": \"قتل ثلاثة\"}\n".repeat(50);
        let reader = BufReader::with_capacity(3, Cursor::new(utf16le(&text)));
        let mut out = String::new();
        utf8_stream(reader)
            .read_to_string(&mut out)
            .expect("decodes");
        assert_eq!(out, text);
        let plain = BufReader::new(Cursor::new(b"{}\n".to_vec()));
        let mut out = String::new();
        utf8_stream(plain).read_to_string(&mut out).expect("as is");
        assert_eq!(out, "{}\n");
    }
}
