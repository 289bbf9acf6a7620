//! The Velocity 1.7 language, feature by feature, as API Gateway runs it.

mod common;
use common::{out, render};

#[test]
fn text_passes_through() {
    assert_eq!(
        out("plain {\"json\": [1, 2]} text"),
        "plain {\"json\": [1, 2]} text"
    );
    assert_eq!(out(""), "");
    assert_eq!(
        out("price: $5, 100% # not a directive"),
        "price: $5, 100% # not a directive"
    );
    assert_eq!(
        out("color #fff and #{unknown} stay"),
        "color #fff and #{unknown} stay"
    );
    assert_eq!(
        out("$ alone, $. and $[ are text"),
        "$ alone, $. and $[ are text"
    );
}

#[test]
fn references_forms() {
    let t = "#set($name = \"x\")$name|$!name|${name}|$!{name}|${name}y|$name.y";
    assert_eq!(out(t), "x|x|x|x|xy|");
    // Identifiers may contain '-' and '_' (Velocity 1.7).
    assert_eq!(out("#set($a-b_c = 1)$a-b_c"), "1");
    // A '.' not followed by a letter ends the reference.
    assert_eq!(out("#set($a = 1)$a.$a.5 $a."), "1.1.5 1.");
}

#[test]
fn undefined_references_render_empty_as_in_api_gateway() {
    // Stock Velocity prints `$missing`; API Gateway prints nothing.
    assert_eq!(
        out("[$missing][$!missing][${missing}][$missing.a.b()][$missing[0]]"),
        "[][][][][]"
    );
}

#[test]
fn escaped_references() {
    assert_eq!(out("#set($a = 1)\\$a \\\\$a \\\\\\$a"), "$a \\1 \\$a");
    // An undefined reference evaluates to "" in API Gateway, so it is escaped the same way.
    assert_eq!(out("\\$nothing"), "$nothing");
    assert_eq!(out("a\\b \\ c"), "a\\b \\ c");
}

#[test]
fn escaped_directives() {
    assert_eq!(out("\\#if(true)x\\#end"), "#if(true)x#end");
    assert_eq!(out("\\\\#if(true)x#end"), "\\x");
    assert_eq!(out("\\#notadirective"), "\\#notadirective");
    // The escaped `#set` is text; the `$a` inside it is still a reference (undefined: "").
    assert_eq!(out("\\#set($a = 1)$a"), "#set( = 1)");
}

#[test]
fn comments() {
    assert_eq!(out("a## line comment\nb"), "ab");
    assert_eq!(out("a#* block\ncomment *#b"), "ab");
    assert_eq!(out("a#** doc comment *#b"), "ab");
    assert_eq!(out("a#[[ $not #if(parsed) ]]#b"), "a $not #if(parsed) b");
    assert_eq!(out("x ##"), "x ");
}

#[test]
fn literals_and_collections() {
    assert_eq!(
        out("#set($l = [1, 'two', \"three\", true, 2.5])$l $l.size()"),
        "[1, two, three, true, 2.5] 5"
    );
    assert_eq!(
        out("#set($m = {'a': 1, \"b\": {'c': [1]}})$m"),
        "{a=1, b={c=[1]}}"
    );
    assert_eq!(out("#set($m = {})$m,#set($l = [])$l"), "{},[]");
    assert_eq!(
        out("#set($r = [1..4])$r,#set($d = [3..1])$d"),
        "[1, 2, 3, 4],[3, 2, 1]"
    );
    assert_eq!(out("#set($n = 2)#set($r = [$n..0])$r"), "[2, 1, 0]");
    assert_eq!(
        out("#set($q = 'it''s')$q,#set($d = \"say \"\"hi\"\"\")$d"),
        "it's,say \"hi\""
    );
    // Backslash escapes other than \u are not processed in Velocity string literals.
    assert_eq!(out("#set($s = \"a\\nb\\u0041\")$s"), "a\\nbA");
    assert_eq!(
        out("#set($big = 12345678901)$big,#set($neg = -3)$neg"),
        "12345678901,-3"
    );
}

#[test]
fn string_interpolation() {
    assert_eq!(
        out("#set($a = 'A')#set($s = \"<$a>${a}x#if(true)!#end\")$s"),
        "<A>Ax!"
    );
    // Single-quoted strings are literal.
    assert_eq!(out("#set($a = 'A')#set($s = '$a')$s"), "$a");
    assert_eq!(out("#set($s = \"$missing\")[$s]"), "[]");
}

#[test]
fn set_directive() {
    assert_eq!(out("#set($a = 1)#set($a = $a + 1)$a"), "2");
    assert_eq!(out("#set( $a = 'x' )$a"), "x");
    assert_eq!(out("#set ($a = 'x')$a"), "x");
    assert_eq!(out("#{set}($a = 'x')$a"), "x");
    // A null right-hand side (here: division by zero) leaves the variable unchanged.
    assert_eq!(out("#set($a = 1)#set($a = 1 / 0)$a"), "1");
    // Map and list targets.
    assert_eq!(
        out("#set($m = {})#set($m.k = 'v')#set($m['x y'] = 2)$m"),
        "{k=v, x y=2}"
    );
    assert_eq!(
        out("#set($l = [1, 2])#set($l[0] = 'a')#set($l[-1] = 'z')$l"),
        "[a, z]"
    );
    // Setting a property of something that does not exist does nothing.
    assert_eq!(out("#set($nothing.a = 1)[$nothing]"), "[]");
    // `#set` without parentheses is text.
    assert_eq!(out("#set x"), "#set x");
}

#[test]
fn if_elseif_else() {
    let t = "#foreach($n in [1, 2, 3])#if($n == 1)one#elseif($n == 2)two#{else}many#end,#end";
    assert_eq!(out(t), "one,two,many,");
    assert_eq!(out("#{if}(true)yes#{end}"), "yes");
    assert_eq!(out("#if(false)x#end"), "");
}

#[test]
fn truthiness() {
    let truth = |cond: &str| {
        out(&format!(
            "#set($e = '')#set($z = 0)#set($l = [])#set($f = false)#if({cond})T#{{else}}F#end"
        ))
    };
    assert_eq!(truth("$e"), "T", "empty string is true in Velocity 1.7");
    assert_eq!(truth("$z"), "T", "zero is true");
    assert_eq!(truth("$l"), "T", "an empty list is true");
    assert_eq!(truth("$f"), "F");
    assert_eq!(truth("!$f"), "T");
    assert_eq!(
        truth("$missing"),
        "T",
        "an undefined reference is \"\" in API Gateway, hence true"
    );
    assert_eq!(truth("!$missing"), "F");
    assert_eq!(truth("true"), "T");
    // Literals and arithmetic are false in a condition (Velocity's SimpleNode.evaluate).
    assert_eq!(truth("'text'"), "F");
    assert_eq!(truth("1"), "F");
    assert_eq!(truth("1 + 1"), "F");
    assert_eq!(truth("(true)"), "T");
}

#[test]
fn operators() {
    let check = |cond: &str, want: &str| {
        assert_eq!(out(&format!("#if({cond})T#{{else}}F#end")), want, "{cond}");
    };
    check("1 == 1.0", "T");
    check("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", "T");
    check("1 lt 2 and 2 le 2 and 3 gt 2 and 3 ge 3", "T");
    check("1 eq 1 and 1 ne 2", "T");
    check("false or true", "T");
    check("not false", "T");
    check("!(1 == 1) || false", "F");
    check("'a' == 'a'", "T");
    check("'a' != 'b'", "T");
    // Objects of unrelated classes compare by toString().
    check("true == 'true'", "T");
    check("1 == '1'", "T");
    // Ordering applies to numbers only.
    check("'a' < 'b'", "F");
    // API Gateway: undefined references equal "" (and each other).
    check("$missing == ''", "T");
    check("$missing == $null", "T");
    check("$missing != ''", "F");
}

#[test]
fn arithmetic() {
    // (`$a #set(..)`: the blank before #set is swallowed, see the whitespace tests.)
    assert_eq!(
        out("#set($a = 7 / 2)$a,#set($b = 7 % 3)$b,#set($c = -7 / 2)$c"),
        "3,1,-3"
    );
    assert_eq!(
        out("#set($a = 1.5 * 2)$a,#set($b = 1 / 4.0)$b,#set($c = 10 - 2.5)$c"),
        "3.0,0.25,7.5"
    );
    assert_eq!(
        out("#set($a = 2 + 3 * 4)$a,#set($b = (2 + 3) * 4)$b"),
        "14,20"
    );
    assert_eq!(out("#set($a = 'n' + 1)$a,#set($b = 1 + 'n')$b"), "n1,1n");
    // A string operand other than '+' gives null: #set does nothing.
    assert_eq!(out("#set($a = 0)#set($a = 'x' * 2)$a"), "0");
    // Division by zero gives null.
    assert_eq!(out("#set($a = 0)#set($a = 1 % 0)$a"), "0");
    // Java long overflow continues as a double (Java: BigInteger).
    assert_eq!(
        out("#set($a = 9223372036854775807 + 1)$a"),
        "9.223372036854776E18"
    );
    // API Gateway: an undefined reference is "", so '+' concatenates.
    assert_eq!(out("#set($a = $missing + 1)$a"), "1");
}

#[test]
fn minus_before_a_digit_is_a_negative_literal() {
    // Velocity lexes `-1` as one token, so `$a -1` is not a subtraction.
    assert!(apigw_vtl::Template::parse("#set($a = 5 -1)").is_err());
    assert_eq!(out("#set($a = 5 - 1)$a"), "4");
}

#[test]
fn foreach_loops() {
    assert_eq!(out("#foreach($i in [1, 2, 3])$i#end"), "123");
    assert_eq!(
        out(
            "#foreach($i in ['a', 'b'])$foreach.index $foreach.count $velocityCount $foreach.hasNext $velocityHasNext $foreach.first $foreach.last;#end"
        ),
        "0 1 1 true true true false;1 2 2 false false false true;"
    );
    // A map iterates over its values (Velocity 1.7).
    assert_eq!(
        out("#set($m = {'a': 1, 'b': 2})#foreach($v in $m)$v#end"),
        "12"
    );
    assert_eq!(
        out("#set($m = {'a': 1, 'b': 2})#foreach($k in $m.keySet())$k=$m.get($k);#end"),
        "a=1;b=2;"
    );
    // Not iterable: skipped.
    assert_eq!(
        out("#foreach($c in 'abc')x#end#foreach($c in $missing)y#end"),
        ""
    );
    // The loop variable is restored afterwards.
    assert_eq!(
        out("#set($i = 'before')#foreach($i in [1])$i#end $i"),
        "1 before"
    );
    assert_eq!(out("#foreach($i in [1])#end[$i][$foreach]"), "[][]");
}

#[test]
fn nested_foreach_scopes() {
    let t =
        "#foreach($a in [1, 2])#foreach($b in ['x'])$foreach.parent.index$foreach.index$b #end#end";
    assert_eq!(out(t), "00x 10x ");
}

#[test]
fn break_and_stop() {
    assert_eq!(
        out("#foreach($i in [1, 2, 3])$i#if($i == 2)#break#end#end."),
        "12."
    );
    let t = "#foreach($a in [1, 2])#foreach($b in [1, 2])$a$b #if($b == 1)#break($foreach.parent)#end#end#end.";
    assert_eq!(out(t), "11 .");
    assert_eq!(out("a#stop b"), "a");
    assert_eq!(out("#foreach($i in [1, 2])$i#stop#end after"), "1");
    // #break outside a loop stops the template, like Velocity.
    assert_eq!(out("a#break b"), "a");
}

#[test]
fn foreach_runs_at_most_1000_times() {
    let t = "#set($n = 0)#foreach($i in [1..1500])#set($n = $n + 1)#end$n";
    assert_eq!(out(t), "1000");
    // As with Velocity's maxloops, hasNext is still true on the last iteration run.
    let t = "#foreach($i in [1..1001])#if($foreach.count == 1000)$foreach.hasNext#end#end";
    assert_eq!(out(t), "true");
}

#[test]
fn define_blocks() {
    let t = "#define($greet)Hello $name#end#set($name = 'A')$greet, #set($name = 'B')$greet";
    assert_eq!(out(t), "Hello A, Hello B");
}

#[test]
fn index_notation() {
    let body = r#"{"a": [10, 20, 30], "m": {"k": "v", "x y": 1}}"#;
    let t = "#set($r = $input.path('$'))$r.a[0] $r.a[-1] $r['m']['k'] $r.m[\"x y\"] $r.m[$missing]";
    assert_eq!(render(t, body), "10 30 v 1 ");
    // An index beyond the end fails the render, as Java's get() throws.
    let e = apigw_vtl::Template::parse("$input.path('$.a')[5]")
        .unwrap()
        .render(&apigw_vtl::Input::with_body(body));
    assert!(e.is_err());
}

#[test]
fn method_calls_with_arguments() {
    assert_eq!(
        out("#set($s = 'hello')$s.substring(1, 3).toUpperCase()"),
        "EL"
    );
    assert_eq!(
        out("#set($m = {})$m.put('k', [1, {'a': 'b'}])$m.get('k')[1].a"),
        "b"
    );
    // Unknown methods and wrong argument types: an invalid reference, which renders empty.
    assert_eq!(
        out("#set($s = 'x')[$s.nope()][$s.substring('1')][$s.length(1)]"),
        "[][][]"
    );
}

#[test]
fn whitespace_after_directives() {
    // The ')' of #set/#if/#foreach and the words #else/#end swallow trailing blanks and one
    // newline; the indentation before #if/#foreach/#end stays.
    let t = "#set($a = 1)\n#if($a == 1)\n  yes\n#else\n  no\n#end\ndone";
    assert_eq!(out(t), "  yes\ndone");
    let t = "#foreach($i in [1, 2])  \n  item $i\n  #end  \nend";
    assert_eq!(out(t), "  item 1\n    item 2\n  end");
    // Only one newline is eaten.
    assert_eq!(out("#set($a = 1)\n\nx"), "\nx");
    // Text after the directive on the same line keeps its spaces.
    assert_eq!(out("#if(true) a #end b"), " a  b");
    // CRLF counts as one newline.
    assert_eq!(out("#set($a = 1)\r\nx#if(true)\r\ny#end\r\n"), "xy");
}

#[test]
fn set_swallows_leading_blanks_only_at_a_token_start() {
    // At the start of the template and after a reference or directive, the blanks before #set
    // belong to the #set token.
    assert_eq!(out("   #set($a = 1)$a"), "1");
    assert_eq!(out("#set($a = 1)$a   #set($b = 2)$b"), "12");
    assert_eq!(out("#if(true)\n    #set($a = 1)\n#end$a"), "1");
    // After other text (including a newline) they are part of that text.
    assert_eq!(out("x\n    #set($a = 1)\ny"), "x\n    y");
    // Other directives keep their indentation.
    assert_eq!(out("#set($a = 1)\n    #if(true)x#end"), "    x");
}

#[test]
fn parenthesis_that_cannot_start_arguments_is_text() {
    // Velocity's three-token lookahead: `(c)` is not an argument list, so it is text.
    assert_eq!(out("#set($a = {'b': 'B'})$a.b(c) $a.b(1)"), "B(c) ");
    assert!(apigw_vtl::Template::parse("$a.b( c)").is_err());
}
