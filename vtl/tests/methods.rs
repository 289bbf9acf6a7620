//! The Java methods templates call on strings, maps, lists and numbers.

mod common;
use apigw_vtl::{Input, RenderErrorKind, Template};
use common::out;

/// Renders `expr` (a reference) with `$s` set to `s`.
fn on(s: &str, expr: &str) -> String {
    out(&format!(
        "#set($s = '{}')${{s.{expr}}}",
        s.replace('\'', "''")
    ))
}

fn render_err(template: &str) -> RenderErrorKind {
    Template::parse(template)
        .unwrap()
        .render(&Input::default())
        .expect_err("should fail")
        .kind
}

#[test]
fn string_length_and_indices_are_utf16() {
    assert_eq!(on("héllo", "length()"), "5");
    assert_eq!(on("a😀", "length()"), "3");
    assert_eq!(on("", "isEmpty()"), "true");
    assert_eq!(on("x", "isEmpty()"), "false");
    assert_eq!(on("hello", "substring(1)"), "ello");
    assert_eq!(on("hello", "substring(1, 3)"), "el");
    assert_eq!(on("hello", "charAt(1)"), "e");
    assert_eq!(on("a,b,c", "indexOf(',')"), "1");
    assert_eq!(on("a,b,c", "indexOf(',', 2)"), "3");
    assert_eq!(on("a,b,c", "lastIndexOf(',')"), "3");
    assert_eq!(on("a,b,c", "indexOf('x')"), "-1");
    assert_eq!(on("😀b", "indexOf('b')"), "2");
}

#[test]
fn string_out_of_range_fails_like_java() {
    let kind = render_err("#set($s = 'abc')$s.substring(5)");
    assert!(
        matches!(kind, RenderErrorKind::MethodFailed { ref method, .. } if method == "substring"),
        "{kind:?}"
    );
    assert!(matches!(
        render_err("#set($s = 'abc')$s.charAt(3)"),
        RenderErrorKind::MethodFailed { .. }
    ));
}

#[test]
fn string_case_trim_and_tests() {
    assert_eq!(on("MiXeD", "toLowerCase()"), "mixed");
    assert_eq!(on("MiXeD", "toUpperCase()"), "MIXED");
    assert_eq!(on("  pad\t", "trim()"), "pad");
    assert_eq!(on("hello", "startsWith('he')"), "true");
    assert_eq!(on("hello", "startsWith('l', 2)"), "true");
    assert_eq!(on("hello", "endsWith('lo')"), "true");
    assert_eq!(on("hello", "contains('ell')"), "true");
    assert_eq!(on("hello", "equals('hello')"), "true");
    assert_eq!(on("hello", "equals(1)"), "false");
    assert_eq!(on("Hello", "equalsIgnoreCase('hELLO')"), "true");
    assert_eq!(on("a", "compareTo('b')"), "-1");
    assert_eq!(on("ab", "concat('cd')"), "abcd");
    assert_eq!(on("ab", "toString()"), "ab");
    assert_eq!(on("ab", "hashCode()"), "3105");
    assert_eq!(on("ab", "class.name"), "java.lang.String");
}

#[test]
fn string_replace_and_regex() {
    assert_eq!(on("a.b.c", "replace('.', '-')"), "a-b-c");
    assert_eq!(on("a.b.c", "replaceAll('\\.', '-')"), "a-b-c");
    assert_eq!(on("a.b.c", "replaceFirst('[.]', '-')"), "a-b.c");
    assert_eq!(
        on("john smith", "replaceAll('(\\w+) (\\w+)', '$2, $1')"),
        "smith, john"
    );
    assert_eq!(on("cost", "replaceAll('o', '\\$')"), "c$st");
    assert_eq!(on("abc123", "matches('[a-z]+\\d+')"), "true");
    assert_eq!(on("abc123x", "matches('[a-z]+\\d+')"), "false");
    assert_eq!(on("ab", "matches('a|ab')"), "true");
    assert!(matches!(
        render_err("#set($s = 'x')$s.replaceAll('x', '$1')"),
        RenderErrorKind::MethodFailed { .. }
    ));
    assert!(matches!(
        render_err("#set($s = 'x')$s.replaceAll('(?=x)', 'y')"),
        RenderErrorKind::UnsupportedRegex { .. }
    ));
}

#[test]
fn string_split_drops_trailing_empty_strings() {
    assert_eq!(on("a,b,,", "split(',')"), "[a, b]");
    assert_eq!(on("a,b,,", "split(',', -1)"), "[a, b, , ]");
    assert_eq!(on("a,b,c", "split(',', 2)"), "[a, b,c]");
    assert_eq!(on("a1b22c", "split('\\d+')"), "[a, b, c]");
    assert_eq!(on("a,b", "split(',').size()"), "2");
    assert_eq!(on("a,b", "split(',')[1]"), "b");
    // Velocity 1.7 has no method calls on literals.
    assert!(Template::parse("#foreach($p in 'x y z'.split(' '))<$p>#end").is_err());
    assert_eq!(
        out("#set($s = 'x y z')#foreach($p in $s.split(' '))<$p>#end"),
        "<x><y><z>"
    );
}

#[test]
fn map_methods() {
    let m = "#set($m = {'a': 1, 'b': 'two'})";
    let t = |expr: &str| out(&format!("{m}{expr}"));
    assert_eq!(
        t("$m.get('a')|$m.a|$m['b']|$m.get('zz')|$m.zz"),
        "1|1|two||"
    );
    assert_eq!(
        t("$m.containsKey('a')|$m.containsKey('z')|$m.containsValue('two')"),
        "true|false|true"
    );
    assert_eq!(
        t("$m.keySet()|$m.values()|$m.size()|$m.isEmpty()|$m.empty"),
        "[a, b]|[1, two]|2|false|"
    );
    assert_eq!(
        t("#foreach($e in $m.entrySet())$e.key=$e.value,$e.getKey();#end"),
        "a=1,a;b=two,b;"
    );
    assert_eq!(t("$m.entrySet()"), "[a=1, b=two]");
    // put returns the previous value (null renders empty).
    assert_eq!(
        t("[$m.put('c', 3)][$m.put('a', 9)]$m"),
        "[][1]{a=9, b=two, c=3}"
    );
    assert_eq!(t("[$m.remove('a')]$m"), "[1]{b=two}");
    assert_eq!(t("#set($n = {'z': 0})$m.putAll($n)$m"), "{a=1, b=two, z=0}");
    assert_eq!(t("$m.clear()$m.isEmpty()"), "true");
    assert_eq!(t("$m.getOrDefault('q', 'dflt')"), "dflt");
    assert_eq!(t("$m.class.name"), "java.util.LinkedHashMap");
}

#[test]
fn maps_are_shared_references() {
    assert_eq!(out("#set($a = {})#set($b = $a)$b.put('k', 1)$a"), "{k=1}");
    assert_eq!(
        out("#set($a = {})$a.put('self', $a)$a"),
        "{self=(this Map)}"
    );
}

#[test]
fn list_methods() {
    let l = "#set($l = [1, 'b', 3])";
    let t = |expr: &str| out(&format!("{l}{expr}"));
    assert_eq!(
        t("$l.size()|$l.get(1)|$l.isEmpty()|$l.contains('b')|$l.contains(2)|$l.indexOf(3)"),
        "3|b|false|true|false|2"
    );
    // add returns true, which Velocity prints.
    assert_eq!(t("$l.add(4)|$l"), "true|[1, b, 3, 4]");
    assert_eq!(t("$l.add(0, 'z')$l"), "[z, 1, b, 3]");
    assert_eq!(t("$l.set(0, 'y')|$l"), "1|[y, b, 3]");
    assert_eq!(t("$l.remove(0)|$l"), "1|[b, 3]");
    assert_eq!(t("$l.remove('b')|$l"), "true|[1, 3]");
    assert_eq!(t("$l.subList(1, 3)|$l.lastIndexOf(1)"), "[b, 3]|0");
    assert_eq!(t("#set($m = [9])$l.addAll($m)$l"), "true[1, b, 3, 9]");
    assert_eq!(t("$l.empty"), "false");
    assert!(matches!(
        render_err("#set($l = [1])$l.get(3)"),
        RenderErrorKind::MethodFailed { .. }
    ));
}

#[test]
fn number_methods() {
    assert_eq!(
        out("#set($n = 42)$n.toString()|$n.doubleValue()|$n.class.name|$n.equals(42)"),
        "42|42.0|java.lang.Integer|true"
    );
    assert_eq!(
        out("#set($d = 2.75)$d.intValue()|$d.class.simpleName"),
        "2|Double"
    );
}

#[test]
fn util_functions() {
    assert_eq!(out("$util.urlEncode('a b&c=d/é')"), "a+b%26c%3Dd%2F%C3%A9");
    assert_eq!(out("$util.urlDecode('a+b%26c')"), "a b&c");
    assert_eq!(out("$util.base64Encode('hello')"), "aGVsbG8=");
    assert_eq!(out("$util.base64Decode('aGVsbG8=')"), "hello");
    assert_eq!(
        out("#set($o = $util.parseJson('{\"a\":[1,2],\"b\":{\"c\":null}}'))$o.a[1] $o.a $o.b"),
        "2 [1,2] {c=null}"
    );
    assert_eq!(out("$util.escapeJavaScript(5)"), "5");
    assert!(matches!(
        render_err("$util.parseJson('{nope')"),
        RenderErrorKind::MethodFailed { .. }
    ));
    assert!(matches!(
        render_err("$util.base64Decode('***')"),
        RenderErrorKind::MethodFailed { .. }
    ));
    assert!(matches!(
        render_err("$util.urlDecode('%G0')"),
        RenderErrorKind::MethodFailed { .. }
    ));
    assert_eq!(out("[$util.nope('x')]"), "[]");
}
