//! Strict base64url decoding of one token part (RFC 7515 §2: unpadded, URL-safe alphabet).
//!
//! Servers differ in how strict they are, so a part that only a lenient decoder accepts is still
//! decoded (the user sees its content) and each deviation is reported.

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine};

const STRICT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireNone).with_decode_allow_trailing_bits(false),
);

const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::RequireNone).with_decode_allow_trailing_bits(true),
);

/// A way in which a part departs from strict base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deviation {
    /// Trailing `=` characters.
    Padding,
    /// `+` or `/` from the standard alphabet, with the first one's character offset.
    StandardAlphabet { ch: char, at: usize },
    /// The last character carries bits that a canonical encoder leaves at zero.
    TrailingBits,
}

/// Why a part could not be decoded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// A character outside both base64 alphabets, with its character offset.
    InvalidChar { ch: char, at: usize },
    /// A length no base64 encoding can have (one character past a multiple of four).
    Length(usize),
}

impl Undecodable {
    pub fn describe(&self) -> String {
        match self {
            Undecodable::InvalidChar { ch, at } => {
                format!("it contains {} at character {}", describe_char(*ch), at.saturating_add(1))
            }
            Undecodable::Length(len) => {
                format!("its length ({len} characters) is not a possible base64url length; it looks truncated")
            }
        }
    }
}

fn describe_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() {
        format!("the character U+{:04X}", u32::from(ch))
    } else {
        format!("`{ch}`")
    }
}

/// Decodes a part. `Ok` holds the bytes and every deviation from strict base64url.
pub fn decode(part: &str) -> Result<(Vec<u8>, Vec<Deviation>), Undecodable> {
    let mut deviations = Vec::new();
    let unpadded = part.trim_end_matches('=');
    if unpadded.len() != part.len() {
        deviations.push(Deviation::Padding);
    }
    let mut normalised = String::with_capacity(unpadded.len());
    let mut standard = None;
    for (at, ch) in unpadded.chars().enumerate() {
        match ch {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => normalised.push(ch),
            '+' | '/' => {
                standard.get_or_insert(Deviation::StandardAlphabet { ch, at });
                normalised.push(if ch == '+' { '-' } else { '_' });
            }
            _ => return Err(Undecodable::InvalidChar { ch, at }),
        }
    }
    deviations.extend(standard);
    match STRICT.decode(&normalised) {
        Ok(bytes) => Ok((bytes, deviations)),
        Err(DecodeError::InvalidLastSymbol(..)) => match LENIENT.decode(&normalised) {
            Ok(bytes) => {
                deviations.push(Deviation::TrailingBits);
                Ok((bytes, deviations))
            }
            Err(_) => Err(Undecodable::Length(normalised.len())),
        },
        Err(_) => Err(Undecodable::Length(normalised.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parts_decode_without_deviation() {
        assert_eq!(decode("eyJhbGciOiJIUzI1NiJ9"), Ok((br#"{"alg":"HS256"}"#.to_vec(), vec![])));
        assert_eq!(decode(""), Ok((vec![], vec![])));
        assert_eq!(decode("_-8"), Ok((vec![0xff, 0xef], vec![])));
    }

    #[test]
    fn deviations_are_reported_and_still_decoded() {
        let table: [(&str, &[u8], Vec<Deviation>); 4] = [
            ("YQ==", b"a", vec![Deviation::Padding]),
            ("_+8", &[0xff, 0xef], vec![Deviation::StandardAlphabet { ch: '+', at: 1 }]),
            ("/-8=", &[0xff, 0xef], vec![Deviation::Padding, Deviation::StandardAlphabet { ch: '/', at: 0 }]),
            ("YR", b"a", vec![Deviation::TrailingBits]),
        ];
        for (input, bytes, deviations) in table {
            assert_eq!(decode(input), Ok((bytes.to_vec(), deviations)), "{input}");
        }
    }

    #[test]
    fn undecodable_parts_say_why() {
        assert_eq!(decode("ab.c"), Err(Undecodable::InvalidChar { ch: '.', at: 2 }));
        assert_eq!(decode("abc d"), Err(Undecodable::InvalidChar { ch: ' ', at: 3 }));
        assert_eq!(decode("abcde"), Err(Undecodable::Length(5)));
        assert!(Undecodable::InvalidChar { ch: '\t', at: 0 }.describe().contains("U+0009"));
        assert!(Undecodable::InvalidChar { ch: '%', at: 4 }.describe().contains("`%` at character 5"));
    }
}
