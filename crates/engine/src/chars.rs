//! Characters that a reader cannot see: they take no room, or change the direction of the text
//! around them. A claim, header or URL holding one can look exactly like another value (an issuer
//! `https://login.example` followed by a right-to-left override and reversed text), and an
//! audience copied with a zero-width space fails an exact match for no visible reason. Every
//! report that prints such values names these characters instead of printing them.

/// Whether `c` is invisible or changes the direction of the text: soft hyphen, combining grapheme
/// joiner, the Arabic letter mark, Hangul and Khmer fillers, the Mongolian vowel separator, the
/// zero-width space and direction marks (U+200B, U+200E, U+200F), the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), word joiner and invisible operators
/// (U+2060–U+2064), the deprecated format characters (U+206A–U+206F), the byte order mark,
/// interlinear annotation characters and tag characters. The zero-width joiner and non-joiner
/// (U+200D, U+200C) and the variation selectors are not listed: they belong to emoji and to the
/// ordinary text of many scripts (see [`ignorable`]).
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}')
}

/// Whether `c` takes no room in an identifier: an [`invisible`] character, or a zero-width joiner
/// or non-joiner. Two identifiers that are equal once these are left out look the same.
pub fn ignorable(c: char) -> bool {
    invisible(c) || c == '\u{200c}' || c == '\u{200d}'
}

/// Whether `text` holds any [`invisible`] character.
pub fn has_invisible(text: &str) -> bool {
    text.chars().any(invisible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_and_zero_width_characters_are_invisible() {
        for c in ['\u{200b}', '\u{200e}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{feff}', '\u{e0041}', '\u{ad}'] {
            assert!(invisible(c), "U+{:04X}", c as u32);
        }
        for c in ['a', ' ', '\u{a0}', 'é', 'Ж', 'ع', '東', '\u{fe0f}', '\u{2010}', '\u{2070}', '\u{200c}', '\u{200d}'] {
            assert!(!invisible(c), "U+{:04X}", c as u32);
        }
        // Joiners are ordinary in emoji and in Persian or Indic words, but take no room.
        assert!(!has_invisible("👨\u{200d}👩\u{200d}👧 می\u{200c}خواهم"));
        assert!(ignorable('\u{200d}') && ignorable('\u{200b}') && !ignorable('a'));
        assert!(has_invisible("api\u{200b}"));
        assert!(!has_invisible("https://api.example.com"));
    }
}
