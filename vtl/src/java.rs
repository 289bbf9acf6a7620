//! `java.lang.String` and `java.util.regex` behaviour that templates observe: UTF-16 indices,
//! Java regular expressions, `$1` replacements and `split`'s trailing-empty-string removal.

use regex::{Captures, Regex};

/// `String.length()`: UTF-16 code units.
pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// `String.substring(begin, end)`. Splitting a surrogate pair leaves U+FFFD.
pub(crate) fn substring(s: &str, begin: i64, end: Option<i64>) -> Result<String, String> {
    let u = units(s);
    let len = u.len() as i64;
    let end = end.unwrap_or(len);
    if begin < 0 || end > len || begin > end {
        return Err(format!("begin {begin}, end {end}, length {len}"));
    }
    Ok(String::from_utf16_lossy(&u[begin as usize..end as usize]))
}

/// `String.charAt(index)`.
pub(crate) fn char_at(s: &str, index: i64) -> Result<String, String> {
    let u = units(s);
    if index < 0 || index >= u.len() as i64 {
        return Err(format!("index {index}, length {}", u.len()));
    }
    Ok(String::from_utf16_lossy(
        &u[index as usize..index as usize + 1],
    ))
}

/// `String.indexOf(needle, from)`: a UTF-16 index or -1.
pub(crate) fn index_of(s: &str, needle: &str, from: i64) -> i64 {
    let (h, n) = (units(s), units(needle));
    let start = from.max(0) as usize;
    if start > h.len() {
        return -1;
    }
    if n.is_empty() {
        return start as i64;
    }
    (start..=h.len().saturating_sub(n.len()))
        .find(|&i| i + n.len() <= h.len() && h[i..i + n.len()] == n[..])
        .map_or(-1, |i| i as i64)
}

/// `String.lastIndexOf(needle, from)`: a UTF-16 index or -1.
pub(crate) fn last_index_of(s: &str, needle: &str, from: Option<i64>) -> i64 {
    let (h, n) = (units(s), units(needle));
    if n.len() > h.len() {
        return -1;
    }
    let max_start = (h.len() - n.len()) as i64;
    let start = from.map_or(max_start, |f| f.min(max_start));
    if start < 0 {
        return -1;
    }
    (0..=start as usize)
        .rev()
        .find(|&i| h[i..i + n.len()] == n[..])
        .map_or(-1, |i| i as i64)
}

/// `String.startsWith(prefix, offset)`.
pub(crate) fn starts_with_at(s: &str, prefix: &str, offset: i64) -> bool {
    let (h, p) = (units(s), units(prefix));
    offset >= 0
        && (offset as usize)
            .checked_add(p.len())
            .is_some_and(|end| end <= h.len() && h[offset as usize..end] == p[..])
}

/// `String.trim()`: removes code points up to U+0020 at both ends (not Unicode whitespace).
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// `String.compareTo`: the UTF-16 code-unit difference at the first mismatch, else the length
/// difference.
pub(crate) fn compare_to(a: &str, b: &str) -> i64 {
    let (x, y) = (units(a), units(b));
    for (p, q) in x.iter().zip(y.iter()) {
        if p != q {
            return i64::from(*p) - i64::from(*q);
        }
    }
    x.len() as i64 - y.len() as i64
}

/// Translates a Java regular expression into this crate's regex dialect: `\Q...\E` quoting and
/// escaped punctuation (`\'`, `\"`, `\/` are literals in Java) are rewritten, octal escapes become
/// hex, `\h` and `\R` are expanded; the rest is shared syntax. Backreferences and lookaround have
/// no equivalent here and fail to compile.
pub(crate) fn translate_regex(java: &str) -> Result<String, String> {
    let chars: Vec<char> = java.chars().collect();
    let mut out = String::with_capacity(java.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&next) = chars.get(i + 1) else {
            return Err("unexpected trailing backslash".into());
        };
        match next {
            'Q' => {
                let rest: String = chars[i + 2..].iter().collect();
                let (quoted, after) = match rest.find("\\E") {
                    Some(end) => (rest[..end].to_string(), end + 2),
                    None => (rest.clone(), rest.len()),
                };
                out.push_str(&regex::escape(&quoted));
                i += 2 + rest[..after].chars().count();
                continue;
            }
            '0' => {
                let mut j = i + 2;
                let mut value = 0u32;
                while j < chars.len() && j < i + 5 && chars[j].is_digit(8) {
                    value = value * 8 + chars[j].to_digit(8).unwrap_or(0);
                    j += 1;
                }
                if j == i + 2 || value > 0o377 {
                    return Err("malformed octal escape".into());
                }
                out.push_str(&format!("\\x{{{value:X}}}"));
                i = j;
                continue;
            }
            '1'..='9' | 'k' => return Err("backreferences are not supported".into()),
            'G' => return Err("\\G is not supported".into()),
            'h' => out.push_str(
                "[ \\t\\xA0\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}]",
            ),
            'H' => out.push_str(
                "[^ \\t\\xA0\\x{1680}\\x{180e}\\x{2000}-\\x{200a}\\x{202f}\\x{205f}\\x{3000}]",
            ),
            'R' => out.push_str("(?:\\r\\n|[\\n\\x0B\\x0C\\r\\x{85}\\x{2028}\\x{2029}])"),
            'Z' => out.push_str("\\z"),
            'e' => out.push_str("\\x1B"),
            'c' => {
                let Some(&ctl) = chars.get(i + 2) else {
                    return Err("malformed control escape".into());
                };
                out.push_str(&format!("\\x{{{:X}}}", (ctl as u32) ^ 64));
                i += 3;
                continue;
            }
            n if n.is_ascii_alphanumeric() => {
                out.push('\\');
                out.push(n);
            }
            // Java: a backslash before any other character makes it literal.
            n => out.push_str(&regex::escape(n.encode_utf8(&mut [0; 4]))),
        }
        i += 2;
    }
    Ok(out)
}

/// Appends the Java replacement string `rep` for one match (`Matcher.appendReplacement`):
/// `$n` and `${name}` insert groups, `\x` is a literal `x`.
pub(crate) fn expand_replacement(
    caps: &Captures,
    re: &Regex,
    rep: &str,
    out: &mut String,
) -> Result<(), String> {
    let group_count = re.captures_len() - 1;
    let mut chars = rep.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(x) => out.push(x),
                None => return Err("character to be escaped is missing".into()),
            },
            '$' => match chars.next() {
                Some('{') => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(x) if x.is_ascii_alphanumeric() => name.push(x),
                            _ => return Err("named capturing group is missing trailing '}'".into()),
                        }
                    }
                    if re.capture_names().flatten().all(|n| n != name) {
                        return Err(format!("No group with name {{{name}}}"));
                    }
                    if let Some(m) = caps.name(&name) {
                        out.push_str(m.as_str());
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    let mut group = d as usize - '0' as usize;
                    while let Some(next) = chars.peek().and_then(|x| x.to_digit(10)) {
                        let candidate = group * 10 + next as usize;
                        if candidate > group_count {
                            break;
                        }
                        group = candidate;
                        chars.next();
                    }
                    if group > group_count {
                        return Err(format!("No group {group}"));
                    }
                    if let Some(m) = caps.get(group) {
                        out.push_str(m.as_str());
                    }
                }
                _ => return Err("Illegal group reference".into()),
            },
            other => out.push(other),
        }
    }
    Ok(())
}

/// `String.replaceAll` / `replaceFirst`.
pub(crate) fn replace(s: &str, re: &Regex, rep: &str, all: bool) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for caps in re.captures_iter(s) {
        let Some(m) = caps.get(0) else { continue };
        out.push_str(&s[last..m.start()]);
        expand_replacement(&caps, re, rep, &mut out)?;
        last = m.end();
        if !all {
            break;
        }
    }
    out.push_str(&s[last..]);
    Ok(out)
}

/// `String.split(regex, limit)`: no leading empty string for a zero-width match at the start;
/// with `limit == 0`, trailing empty strings are removed.
pub(crate) fn split(s: &str, re: &Regex, limit: i64) -> Vec<String> {
    let limited = limit > 0;
    let mut list: Vec<&str> = Vec::new();
    let mut index = 0;
    for m in re.find_iter(s) {
        if !limited || (list.len() as i64) < limit - 1 {
            if index == 0 && m.start() == 0 && m.start() == m.end() {
                continue;
            }
            list.push(&s[index..m.start()]);
            index = m.end();
        } else if list.len() as i64 == limit - 1 {
            list.push(&s[index..]);
            index = m.end();
            break;
        }
    }
    if index == 0 {
        return vec![s.to_string()];
    }
    if !limited || (list.len() as i64) < limit {
        list.push(&s[index..]);
    }
    if limit == 0 {
        while list.last().is_some_and(|last| last.is_empty()) {
            list.pop();
        }
    }
    list.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> Regex {
        Regex::new(&translate_regex(p).unwrap()).unwrap()
    }

    #[test]
    fn split_like_java() {
        assert_eq!(split("a,b,,", &re(","), 0), ["a", "b"]);
        assert_eq!(split("a,b,,", &re(","), -1), ["a", "b", "", ""]);
        assert_eq!(split("a,b,c", &re(","), 2), ["a", "b,c"]);
        assert_eq!(split(",a", &re(","), 0), ["", "a"]);
        assert_eq!(split("", &re(","), 0), [""]);
        assert_eq!(split("abc", &re(""), 0), ["a", "b", "c"]);
        assert_eq!(split("a1b22c", &re("\\d+"), 0), ["a", "b", "c"]);
        assert_eq!(split(",,,", &re(","), 0), Vec::<String>::new());
    }

    #[test]
    fn replacement_groups() {
        let r = re("(\\w+)@(\\w+)");
        assert_eq!(
            replace("me@host", &r, "$2 at $1", true).unwrap(),
            "host at me"
        );
        assert_eq!(replace("me@host", &r, "\\$1", true).unwrap(), "$1");
        assert!(replace("me@host", &r, "$3", true).is_err());
        assert!(replace("me@host", &r, "$x", true).is_err());
        assert_eq!(replace("a1", &re("(a)(1)"), "$12", true).unwrap(), "a2");
    }

    #[test]
    fn java_escapes_translate() {
        assert_eq!(
            replace("O\\'Brien", &re("\\\\'"), "'", true).unwrap(),
            "O'Brien"
        );
        assert_eq!(replace("it's", &re("\\'"), "X", true).unwrap(), "itXs");
        assert_eq!(replace("a.b", &re("\\Q.\\E"), "-", true).unwrap(), "a-b");
        assert!(translate_regex("(a)\\1").is_err());
    }

    #[test]
    fn utf16_indices() {
        assert_eq!(utf16_len("a😀"), 3);
        assert_eq!(substring("héllo", 1, Some(3)).unwrap(), "él");
        assert!(substring("abc", 2, Some(1)).is_err());
        assert_eq!(index_of("a😀b", "b", 0), 3);
        assert_eq!(last_index_of("abab", "ab", None), 2);
        assert_eq!(last_index_of("abab", "ab", Some(1)), 0);
        assert_eq!(trim("\u{1} a \t"), "a");
        assert_eq!(compare_to("a", "b"), -1);
    }
}
