//! Malformed and hostile templates end in a typed error or an output, never a panic.

use apigw_vtl::{Input, Limits, Params, Template};

fn input() -> Input {
    Input {
        body: r#"{"a": [1, {"b": "x'y"}], "s": "O'Brien", "n": 1.5, "e": null}"#.into(),
        params: Params {
            path: vec![("id".into(), "7".into())],
            querystring: vec![("q".into(), "a b".into())],
            header: vec![("H".into(), "v".into())],
        },
        context: serde_json::json!({"requestId": "r", "identity": {"sourceIp": "1.2.3.4"}})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        stage_variables: vec![("s".into(), "v".into())],
    }
}

/// Small limits keep the generated templates fast.
fn limits() -> Limits {
    Limits {
        max_output_bytes: 64 * 1024,
        max_string_bytes: 64 * 1024,
        max_elements: 100_000,
        max_steps: 100_000,
        ..Limits::default()
    }
}

fn exercise(template: &str) {
    if let Ok(t) = Template::parse(template) {
        let _ = t.render_with(&input(), &limits());
        let _ = t.render_with(&Input::with_body("not json <x/>"), &limits());
        let _ = t.render_with(&Input::with_body("{broken"), &limits());
    }
}

#[test]
fn malformed_templates() {
    let cases = [
        "$",
        "#",
        "\\",
        "$!",
        "${",
        "${}",
        "$!{",
        "${a",
        "${a.",
        "$a.",
        "$a(",
        "$a.b(",
        "$a.b(1",
        "$a.b(1,",
        "$a.b(,)",
        "$a[",
        "$a[1",
        "$a['x",
        "$a[$b",
        "#if",
        "#if(",
        "#if($a",
        "#if($a)",
        "#if($a)#else",
        "#if($a)#elseif",
        "#if($a)#elseif(",
        "#end",
        "#else",
        "#elseif($a)",
        "#foreach",
        "#foreach(",
        "#foreach($a",
        "#foreach($a in",
        "#foreach($a in $b",
        "#foreach($a in $b)",
        "#foreach(1 in $b)#end",
        "#foreach($a.b in $c)#end",
        "#foreach($a on $b)#end",
        "#set",
        "#set(",
        "#set($",
        "#set($a",
        "#set($a =",
        "#set($a = 1",
        "#set($a = (1)",
        "#set($a = [",
        "#set($a = [1,",
        "#set($a = {",
        "#set($a = {1:",
        "#set($a = {1:2",
        "#set($a = [1..",
        "#set($a = [1..$b",
        "#set($a = \"",
        "#set($a = '",
        "#set($a = \"$",
        "#set($a = \"#if(\")",
        "#set($a = \"#end\")",
        "#set($a = !)",
        "#set($a = 1 +)",
        "#set($a = - $b)",
        "#set($a = 1 -1)",
        "#set($a = 99999999999999999999999)",
        "#set($a = 1e999)",
        "#set($a = .5)",
        "#*",
        "#* *",
        "#[[",
        "#[[ ]]",
        "##",
        "#{",
        "#{if",
        "#{if}",
        "#{end",
        "#{}",
        "#@",
        "#break(",
        "#break($a",
        "#break(1)",
        "#stop(",
        "#define(",
        "#define($a)",
        "#define($a.b)x#end",
        "#macro(",
        "#include('x')",
        "\\#",
        "\\\\#if",
        "\\$",
        "\\\\$a",
        "$a.b.c.d.e.f()",
        "$input.path(",
        "$input.path('$.a[')",
        "$input.path('$[?(@.a)]')",
        "$input.json('$..*')",
        "$util.parseJson('[')",
        "$util.base64Decode('%')",
        "$util.urlDecode('%')",
        "#set($l = [1])$l.get(-5)",
        "#set($l = [1])$l[-5]",
        "#set($s = 'x')$s[-1]",
        "#set($s = 'x')$s.substring(-1)",
        "#set($s = 'x')$s.replaceAll('(', '')",
        "#set($s = 'x')$s.split('[')",
        "#set($s = 'x')$s.replaceAll('x', '\\\\')",
        "#set($s = 'x')$s.matches('\\\\1')",
        "#set($a = 1/0)$a",
        "#set($a = 5 % 0)$a",
        "#set($a = 9223372036854775807 * 9223372036854775807)$a",
        "#set($a = -9223372036854775808 / -1)$a",
        "#set($r = [2147483647..2147483647])$r",
        "#set($r = [-2147483648..-2147483648])$r",
        "#set($r = [$input..1])$r",
        "#foreach($x in $util)$x#end",
        "$input $util $foreach $context $stageVariables",
        "#set($input = 1)$input.path('$')",
        "#set($context = 'x')#set($context.responseOverride.status = 1)",
        "#set($a = {})$a.put($a, $a)$a",
        "\u{0}\u{1}$\u{2}#\u{ffff}",
        "é$é#é",
        "$a\u{301}",
        "#set($😀 = 1)",
        "\"\"\"''",
        "$a.b(\"\"\"\")",
        "#if(\"\" == '')x#end",
        "#if($a == )",
        "#if(== $a)",
        "#if($a < )",
        "#if(!)",
        "#if(not)",
        "#if(()",
        "#if())",
        "#{else}#{end}",
    ];
    for case in cases {
        exercise(case);
    }
}

#[test]
fn deep_nesting_is_rejected_not_overflowed() {
    for depth in [50, 99, 100, 150, 5_000] {
        exercise(&"#if(true)".repeat(depth));
        exercise(&format!(
            "{}x{}",
            "#if(true)".repeat(depth),
            "#end".repeat(depth)
        ));
        exercise(&format!(
            "#set($a = {}1{})",
            "(".repeat(depth),
            ")".repeat(depth)
        ));
        exercise(&format!(
            "#set($a = {}1{})",
            "[".repeat(depth),
            "]".repeat(depth)
        ));
        exercise(&format!("#set($a = {})", "!".repeat(depth)));
        exercise(&format!(
            "{}x{}",
            "#foreach($i in [1])".repeat(depth),
            "#end".repeat(depth)
        ));
        exercise(&format!("$a{}", ".b()".repeat(depth)));
        exercise(&format!(
            "#set($s = {}x{})",
            "\"#set($t = ".repeat(depth.min(60)),
            ")\"".repeat(depth.min(60))
        ));
        exercise(&format!("$input.path('$'){}", "[0]".repeat(depth)));
    }
    let deep = "[".repeat(10_000);
    let t = Template::parse("$input.path('$') $input.json('$')").unwrap();
    let _ = t.render(&Input::with_body(deep));
    assert!(Template::parse(&"#if(true)".repeat(5_000)).is_err());
}

#[test]
fn huge_loops_are_bounded() {
    exercise("#foreach($i in [1..100000])x#end");
    exercise("#foreach($i in [1..1000])#foreach($j in [1..1000])$i$j#end#end");
    exercise("#set($l = [1])#foreach($i in $l)$l.add($i)#end$l.size()");
    exercise("#set($m = {})#foreach($i in [1..5000])$m.put(\"$i\", $m)#end$m");
}

/// Random templates from VTL fragments (a fixed seed: the same templates every run).
#[test]
fn generated_templates() {
    const FRAGMENTS: &[&str] = &[
        "#if(",
        "#elseif(",
        "#else",
        "#end",
        "#foreach(",
        "$x in ",
        "#set(",
        "$a = ",
        ")",
        "(",
        "[",
        "]",
        "{",
        "}",
        "$a",
        "$!a",
        "${a}",
        "$a.b",
        "$a.get('k')",
        "$a[0]",
        "$input.path('$')",
        "$input.path('$.a')",
        "$input.json('$.a[*]')",
        "$input.params('q')",
        "$input.params()",
        "$input.body",
        "$util.escapeJavaScript($a)",
        "$util.parseJson($input.body)",
        "$context.requestOverride.header",
        "$foreach.hasNext",
        "$velocityCount",
        "#break",
        "#stop",
        "#define($d)",
        "$d",
        "'s'",
        "\"i$a\"",
        "1",
        "-2",
        "3.5",
        "..",
        ",",
        ":",
        "==",
        "!=",
        "<",
        "&&",
        "||",
        "!",
        "+",
        "-",
        "*",
        "/",
        "%",
        "true",
        "false",
        " ",
        "\n",
        "\\",
        "#",
        "$",
        "##c\n",
        "#*c*#",
        "#[[t]]#",
        "x",
        "\"",
        "'",
        "$a.put('k', $a)",
        "$a.add(1)",
        "[1..3]",
        "{'k': 1}",
        "$a.split(',')",
        "$a.replaceAll('a', '$0')",
        "$a.substring(1)",
        "#{if}(",
        "#{end}",
        "\\#if",
        "\\$a",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 24) as usize;
        let template: String = (0..len)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        exercise(&template);
    }
}
