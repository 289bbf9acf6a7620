//! `$util`: the functions API Gateway provides to mapping templates.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// `$util.escapeJavaScript(s)`, which is Apache Commons Lang 2.6
/// `StringEscapeUtils.escapeJavaScript`: `'` `"` `\` `/` get a backslash; `\b \f \n \r \t` are
/// named; other characters below U+0020 and every UTF-16 unit above U+007F become `\uXXXX`
/// (upper-case hex, astral characters as two surrogate escapes). U+007F itself is kept.
///
/// `\'` is not a valid JSON escape, hence the idiom `.replaceAll("\\'","'")` after it.
pub fn escape_javascript(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for unit in s.encode_utf16() {
        match unit {
            0x08 => out.push_str("\\b"),
            0x0A => out.push_str("\\n"),
            0x09 => out.push_str("\\t"),
            0x0C => out.push_str("\\f"),
            0x0D => out.push_str("\\r"),
            0x00..=0x1F | 0x80..=0xFFFF => out.push_str(&format!("\\u{unit:04X}")),
            0x27 => out.push_str("\\'"),
            0x22 => out.push_str("\\\""),
            0x5C => out.push_str("\\\\"),
            0x2F => out.push_str("\\/"),
            other => out.push(char::from(other as u8)),
        }
    }
    out
}

/// `$util.urlEncode(s)`: Java `URLEncoder.encode(s, "UTF-8")`. Letters, digits and `*-._` stay,
/// space becomes `+`, every other byte of the UTF-8 encoding becomes `%XX` (upper-case).
pub(crate) fn url_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `$util.urlDecode(s)`: Java `URLDecoder.decode(s, "UTF-8")`. `+` becomes a space, `%XX` a
/// byte; invalid UTF-8 becomes U+FFFD. A `%` not followed by two hex digits is an error, as in
/// Java.
pub(crate) fn url_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let ok = bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if !ok {
                return Err("URLDecoder: Illegal hex characters in escape (%) pattern".into());
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    let plus_as_space = s.replace('+', " ");
    Ok(percent_encoding::percent_decode_str(&plus_as_space)
        .decode_utf8_lossy()
        .into_owned())
}

/// `$util.base64Encode(s)`: standard alphabet with padding, of the UTF-8 bytes.
pub(crate) fn base64_encode(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s.as_bytes())
}

/// Java's `Base64.getDecoder()`: standard alphabet, padding optional.
const JAVA_DECODER: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `$util.base64Decode(s)`: the decoded bytes as UTF-8 text (invalid UTF-8 becomes U+FFFD).
pub(crate) fn base64_decode(s: &str) -> Result<String, String> {
    JAVA_DECODER
        .decode(s.as_bytes())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("Illegal base64 input: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_javascript_matches_commons_lang() {
        let cases = [
            ("O'Brien", "O\\'Brien"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("back\\slash", "back\\\\slash"),
            ("a/b", "a\\/b"),
            ("l1\nl2\r\tt\u{8}\u{c}", "l1\\nl2\\r\\tt\\b\\f"),
            ("\u{0}\u{1}\u{1f}", "\\u0000\\u0001\\u001F"),
            ("\u{7f}", "\u{7f}"),
            ("é", "\\u00E9"),
            ("€", "\\u20AC"),
            ("😀", "\\uD83D\\uDE00"),
            ("plain text 123", "plain text 123"),
        ];
        for (input, want) in cases {
            assert_eq!(escape_javascript(input), want, "{input:?}");
        }
    }

    #[test]
    fn url_encoding_is_javas() {
        assert_eq!(url_encode("a b*-._~é/+="), "a+b*-._%7E%C3%A9%2F%2B%3D");
        assert_eq!(url_decode("a+b%20%C3%A9").unwrap(), "a b é");
        assert!(url_decode("100%").is_err());
        assert!(url_decode("%zz").is_err());
    }

    #[test]
    fn base64_round_trip() {
        assert_eq!(base64_encode("héllo"), "aMOpbGxv");
        assert_eq!(base64_decode("aMOpbGxv").unwrap(), "héllo");
        assert_eq!(base64_decode("YQ").unwrap(), "a");
        assert!(base64_decode("!!").is_err());
    }
}
