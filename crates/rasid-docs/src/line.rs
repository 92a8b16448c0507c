//! Lines of a JSON Lines input, read with a cap on their length so that one
//! runaway line cannot exhaust memory.

use std::io::{self, BufRead};

use crate::ReadError;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// One decoded line, without its line ending.
pub(crate) struct Line<'a> {
    /// 1-based.
    pub(crate) number: usize,
    pub(crate) text: &'a str,
    /// The input's name, as given to [`LineReader::new`].
    pub(crate) path: &'a str,
}

pub(crate) struct LineReader<R> {
    reader: R,
    path: String,
    limit: u64,
    buffer: Vec<u8>,
    /// The pieces of a line longer than what `buffer` holds without growing,
    /// joined once the line ends: growing one buffer by doubling would copy
    /// it each time, and an allocator that keeps freed memory (mimalloc, in
    /// the `rasid` binary) would hold every smaller copy as well.
    pieces: Vec<Vec<u8>>,
    /// Bytes in `pieces`.
    pieces_len: usize,
    /// Lines read so far, i.e. the number of the last one.
    line: usize,
    /// Bytes consumed so far.
    offset: u64,
    finished: bool,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(reader: R, path: String, limit: u64) -> Self {
        Self {
            reader,
            path,
            limit,
            buffer: Vec::new(),
            pieces: Vec::new(),
            pieces_len: 0,
            line: 0,
            offset: 0,
            finished: false,
        }
    }

    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Bytes read so far.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// The next line, or why it cannot be used. After a NUL byte (binary data)
    /// or a failed read, the input ends: going on would only repeat the error.
    pub(crate) fn next_line(&mut self) -> Option<Result<Line<'_>, ReadError>> {
        if self.finished {
            return None;
        }
        self.buffer.clear();
        let start = self.offset;
        let mut length: u64 = 0;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(cause) if cause.kind() == io::ErrorKind::Interrupted => continue,
                Err(cause) => {
                    self.finished = true;
                    return Some(Err(ReadError::from_io(
                        &self.path,
                        Some(self.line + 1),
                        cause,
                    )));
                }
            };
            if available.is_empty() {
                break;
            }
            let newline = available.iter().position(|&byte| byte == b'\n');
            let content = &available[..newline.unwrap_or(available.len())];
            length += content.len() as u64;
            if !too_long {
                if length > self.limit {
                    // Freed at once: a refused line costs no more than the limit.
                    too_long = true;
                    self.buffer = Vec::new();
                    self.pieces = Vec::new();
                    self.pieces_len = 0;
                } else if self.pieces.is_empty()
                    && self.buffer.len() + content.len() <= self.buffer.capacity().max(SMALL_LINE)
                {
                    self.buffer.extend_from_slice(content);
                } else {
                    self.pieces.push(content.to_vec());
                    self.pieces_len += content.len();
                }
            }
            let used = content.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            self.offset += used as u64;
            if newline.is_some() {
                break;
            }
        }
        if self.offset == start {
            self.finished = true;
            return None;
        }
        self.line += 1;
        if !self.pieces.is_empty() {
            // One allocation of the line's size, then the pieces are freed.
            self.buffer.reserve_exact(self.pieces_len);
            for piece in self.pieces.drain(..) {
                self.buffer.extend_from_slice(&piece);
            }
            self.pieces_len = 0;
        }
        if too_long {
            return Some(Err(ReadError::TooLarge {
                path: self.path.clone(),
                line: Some(self.line),
                size: length,
                limit: self.limit,
            }));
        }
        if self.buffer.last() == Some(&b'\r') {
            self.buffer.pop();
        }
        let skip = if self.line == 1 && self.buffer.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len()
        } else {
            0
        };
        if let Some(index) = self.buffer.iter().position(|&byte| byte == 0) {
            self.finished = true;
            return Some(Err(ReadError::Binary {
                path: self.path.clone(),
                line: Some(self.line),
                byte: start + index as u64,
            }));
        }
        match std::str::from_utf8(&self.buffer[skip..]) {
            Ok(text) => Some(Ok(Line {
                number: self.line,
                text,
                path: &self.path,
            })),
            Err(error) => Some(Err(ReadError::InvalidUtf8 {
                path: self.path.clone(),
                line: Some(self.line),
                byte: start + (skip + error.valid_up_to()) as u64,
            })),
        }
    }
}

/// Lines up to this size are gathered in the reused buffer as they come.
const SMALL_LINE: usize = 1 << 20;

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor};

    use super::LineReader;
    use crate::ReadError;

    fn collect(input: &[u8], limit: u64, capacity: usize) -> Vec<Result<(usize, String), String>> {
        let reader = BufReader::with_capacity(capacity, Cursor::new(input.to_vec()));
        let mut lines = LineReader::new(reader, "t".to_owned(), limit);
        let mut out = Vec::new();
        while let Some(item) = lines.next_line() {
            out.push(
                item.map(|line| (line.number, line.text.to_owned()))
                    .map_err(|error| error.to_string()),
            );
        }
        out
    }

    #[test]
    fn lines_across_small_buffers_with_crlf_and_no_final_newline() {
        let got = collect(b"ab\r\n\ncdef", 10, 1);
        assert_eq!(
            got,
            vec![
                Ok((1, "ab".to_owned())),
                Ok((2, String::new())),
                Ok((3, "cdef".to_owned())),
            ]
        );
    }

    #[test]
    fn an_overlong_line_is_skipped_and_the_next_read() {
        let got = collect(b"short\n0123456789abc\nok\n", 10, 4);
        assert_eq!(got[0], Ok((1, "short".to_owned())));
        assert_eq!(
            got[1],
            Err("`t` line 2: 13 bytes, over the limit of 10 bytes".to_owned())
        );
        assert_eq!(got[2], Ok((3, "ok".to_owned())));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn a_nul_byte_ends_the_input() {
        let reader = Cursor::new(b"{}\n{\0}\n{}\n".to_vec());
        let mut lines = LineReader::new(reader, "t".to_owned(), 100);
        assert!(lines.next_line().is_some_and(|line| line.is_ok()));
        match lines.next_line() {
            Some(Err(ReadError::Binary { line, byte, .. })) => {
                assert_eq!((line, byte), (Some(2), 4));
            }
            _ => panic!("expected a binary-data error"),
        }
        assert!(lines.next_line().is_none());
    }

    #[test]
    fn byte_order_mark_dropped_on_the_first_line_only() {
        let got = collect(b"\xEF\xBB\xBFa\n\xEF\xBB\xBFb\n", 10, 8);
        assert_eq!(got[0], Ok((1, "a".to_owned())));
        assert_eq!(got[1], Ok((2, "\u{feff}b".to_owned())));
    }
}
