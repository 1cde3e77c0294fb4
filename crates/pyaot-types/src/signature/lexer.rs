//! The tokenizer of Numba signature strings: splits `f8[:, ::1](UniTuple(i8, 2))` into names,
//! numbers, quoted strings and punctuation, each with its byte range in the text.
//!
//! The tokenizer never fails: a character it does not know becomes a [`TokenKind::Unknown`] token
//! and a string without its closing quote becomes [`TokenKind::UnterminatedStr`], so that the
//! parser reports problems in the order they appear in the text.

/// What a token is; its text is the byte range of the [`Token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    /// `float64`, `nb`, `UniTuple`: an ASCII letter or `_`, then letters, digits and `_`.
    Ident,
    /// Starts with a digit and runs over letters, digits, `_` and `.`, so that `2.0` and `1d` are
    /// one token that the parser can reject as a whole.
    Number,
    /// `'C'` or `"C"`, quotes included.
    Str,
    /// A quote without its closing quote; runs to the end of the text.
    UnterminatedStr,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Colon,
    Dot,
    Minus,
    Equals,
    /// One character that is none of the above.
    Unknown,
    /// The end of the text, an empty range at `text.len()`.
    Eof,
}

/// One token: its kind and the byte range `start..end` it covers in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into tokens, skipping whitespace; the last token is always [`TokenKind::Eof`].
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = match c {
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            '[' => TokenKind::LBracket,
            ']' => TokenKind::RBracket,
            ',' => TokenKind::Comma,
            ':' => TokenKind::Colon,
            '.' => TokenKind::Dot,
            '-' => TokenKind::Minus,
            '=' => TokenKind::Equals,
            '\'' | '"' => loop {
                match chars.next() {
                    Some((_, q)) if q == c => break TokenKind::Str,
                    Some(_) => {}
                    None => break TokenKind::UnterminatedStr,
                }
            },
            c if c.is_ascii_alphabetic() || c == '_' => {
                while chars
                    .next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
                    .is_some()
                {}
                TokenKind::Ident
            }
            c if c.is_ascii_digit() => {
                while chars
                    .next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                    .is_some()
                {}
                TokenKind::Number
            }
            _ => TokenKind::Unknown,
        };
        let end = chars.peek().map_or(text.len(), |&(i, _)| i);
        tokens.push(Token { kind, start, end });
    }
    tokens.push(Token {
        kind: TokenKind::Eof,
        start: text.len(),
        end: text.len(),
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect()
    }

    #[test]
    fn splits_a_signature_into_tokens() {
        use TokenKind::*;
        assert_eq!(
            kinds("nb.f8[:, ::1](Array(i4, 2, 'C'))"),
            vec![
                (Ident, "nb"),
                (Dot, "."),
                (Ident, "f8"),
                (LBracket, "["),
                (Colon, ":"),
                (Comma, ","),
                (Colon, ":"),
                (Colon, ":"),
                (Number, "1"),
                (RBracket, "]"),
                (LParen, "("),
                (Ident, "Array"),
                (LParen, "("),
                (Ident, "i4"),
                (Comma, ","),
                (Number, "2"),
                (Comma, ","),
                (Str, "'C'"),
                (RParen, ")"),
                (RParen, ")"),
                (Eof, ""),
            ]
        );
    }

    #[test]
    fn odd_input_becomes_tokens_not_errors() {
        use TokenKind::*;
        assert_eq!(
            kinds("2.0 -1 é\"x"),
            vec![
                (Number, "2.0"),
                (Minus, "-"),
                (Number, "1"),
                (Unknown, "é"),
                (UnterminatedStr, "\"x"),
                (Eof, "")
            ]
        );
    }
}
