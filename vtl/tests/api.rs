//! The public API: inputs, overrides, errors and limits.

mod common;
use apigw_vtl::{
    Input, Limits, OverrideValue, Params, RenderErrorKind, ResponseOverride, Template,
};
use common::{out, render_input};
use serde_json::json;

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn parse_once_render_many() {
    let t = Template::parse("Hello $input.params('name')!").unwrap();
    for name in ["a", "b", "O'Brien"] {
        let input = Input {
            params: Params {
                querystring: pairs(&[("name", name)]),
                ..Params::default()
            },
            ..Input::default()
        };
        assert_eq!(t.render(&input).unwrap().body, format!("Hello {name}!"));
    }
    assert_eq!(t.source(), "Hello $input.params('name')!");
    fn shareable<T: Send + Sync>(_: &T) {}
    shareable(&t);
}

#[test]
fn params_lookup_order_and_maps() {
    let input = Input {
        params: Params {
            path: pairs(&[("id", "from-path")]),
            querystring: pairs(&[("id", "from-query"), ("q", "1")]),
            header: pairs(&[("id", "from-header"), ("X-Trace", "t")]),
        },
        ..Input::default()
    };
    let t = "$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')] \
             $input.params().header.get('X-Trace') $input.params().querystring $input.params().keySet()";
    assert_eq!(
        render_input(t, &input).body,
        "from-path 1 t [] t {id=from-query, q=1} [path, querystring, header]"
    );
}

#[test]
fn stage_variables() {
    let input = Input {
        stage_variables: pairs(&[("table", "pets"), ("my-var", "v")]),
        ..Input::default()
    };
    let t = "$stageVariables.table $stageVariables['table'] ${stageVariables['my-var']} [$stageVariables.none]";
    assert_eq!(render_input(t, &input).body, "pets pets v []");
}

#[test]
fn context_and_overrides() {
    let context = json!({
        "requestId": "r-1",
        "authorizer": {"principalId": "user", "claims": {"sub": "abc"}},
        "requestOverride": {"header": {"Preset": "kept"}}
    });
    let input = Input {
        context: context.as_object().cloned().unwrap_or_default(),
        ..Input::default()
    };
    let t = "$context.requestId $context.authorizer.claims.sub
#set($context.requestOverride.header['X-Amz-Target'] = 'DynamoDB_20120810.PutItem')
#set($context.requestOverride.querystring.q = 5)
#set($context.requestOverride.path.id = 'p')
$context.requestOverride.header.put('Via', 'put')
#set($context.responseOverride.status = 201)
#set($context.responseOverride.header.Location = \"/pets/1\")
#set($context.responseOverride.header.Multi = ['a', 2])";
    let r = render_input(t, &input);
    assert_eq!(r.body, "r-1 abc\n\n");
    let single = |s: &str| OverrideValue::Single(s.into());
    assert_eq!(
        r.request_override.header,
        vec![
            ("Preset".into(), single("kept")),
            ("X-Amz-Target".into(), single("DynamoDB_20120810.PutItem")),
            ("Via".into(), single("put")),
        ]
    );
    assert_eq!(
        r.request_override.querystring,
        vec![("q".into(), single("5"))]
    );
    assert_eq!(r.request_override.path, vec![("id".into(), single("p"))]);
    assert_eq!(r.response_override.status_code(), Some(201));
    assert_eq!(
        r.response_override.header,
        vec![
            ("Location".into(), single("/pets/1")),
            (
                "Multi".into(),
                OverrideValue::Multi(vec!["a".into(), "2".into()])
            ),
        ]
    );
}

#[test]
fn status_code_outside_range_is_ignored() {
    let status = |s: &str| {
        ResponseOverride {
            status: Some(s.into()),
            header: vec![],
        }
        .status_code()
    };
    assert_eq!(status("404"), Some(404));
    assert_eq!(status("99"), None);
    assert_eq!(status("600"), None);
    assert_eq!(status("abc"), None);
    let r = render_input(
        "#set($context.responseOverride.status = '418')",
        &Input::default(),
    );
    assert_eq!(r.response_override.status_code(), Some(418));
}

#[test]
fn body_bytes() {
    let mut input = Input::default();
    input.set_body_bytes(b"{\"a\": \"\xff\"}");
    assert_eq!(render_input("$input.path('$.a')", &input).body, "\u{fffd}");
}

#[test]
fn parse_errors_locate_the_problem() {
    let cases = [
        ("#if($a)\nx", 1, 1, "#if is never closed with #end"),
        (
            "ok\n  #foreach($i in $l)",
            2,
            3,
            "#foreach is never closed with #end",
        ),
        ("a\n#end", 2, 1, "#end without a matching"),
        ("#else", 1, 1, "#else without a matching #if"),
        ("#set($a = )", 1, 11, "expected a value"),
        ("#set($a 1)", 1, 9, "expected `=`"),
        ("#if $a", 1, 1, "must be followed by a condition"),
        ("#set($a = 'open)", 1, 11, "never closed"),
        ("${a.b", 1, 1, "is not closed with `}`"),
        ("#* comment", 1, 1, "never closed with *#"),
        ("#macro(m)x#end", 1, 1, "#macro is not supported"),
        ("$a.b(1 2)", 1, 8, "expected `,`"),
        ("#if($a)#else#else#end", 1, 13, "after the #else"),
    ];
    for (template, line, column, message) in cases {
        let e = Template::parse(template).expect_err(template);
        assert_eq!((e.line, e.column), (line, column), "{template:?}: {e}");
        assert!(e.message.contains(message), "{template:?}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("line {line}, column {column}: "))
        );
    }
}

#[test]
fn render_errors_have_positions() {
    let t = Template::parse("line one\n  $input.path('$.a')[3]").unwrap();
    let e = t.render(&Input::with_body(r#"{"a": [1]}"#)).unwrap_err();
    assert_eq!((e.line, e.column), (2, 3));
    assert!(matches!(e.kind, RenderErrorKind::MethodFailed { .. }));
    assert!(
        e.to_string().contains("index 3 out of bounds for length 1"),
        "{e}"
    );
}

fn render_kind(template: &str, limits: &Limits) -> RenderErrorKind {
    Template::parse(template)
        .unwrap()
        .render_with(&Input::default(), limits)
        .expect_err(template)
        .kind
}

#[test]
fn limits_stop_hostile_templates() {
    // Smaller than the defaults so that the test is quick; the kinds of error are the same.
    let limits = Limits {
        max_steps: 200_000,
        max_elements: 10_000,
        max_string_bytes: 1024 * 1024,
        ..Limits::default()
    };
    // Nested loops: 10^9 iterations.
    let t =
        "#set($r = [1..1000])#foreach($a in $r)#foreach($b in $r)#foreach($c in $r)#end#end#end";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::TooManySteps { .. }
    ));
    // Doubling a string.
    let t = "#set($s = 'xxxxxxxxxx')#foreach($i in [1..100])#set($s = \"$s$s\")#end";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::StringTooLarge { .. }
    ));
    // A huge range.
    let t = "#set($r = [1..2000000000])";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::TooManyElements { .. }
    ));
    // Growing a list.
    let t =
        "#set($l = [])#set($r = [1..1000])#foreach($a in $r)#foreach($b in $r)$l.add($b)#end#end";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::TooManyElements { .. }
    ));
    // Output.
    let small = Limits {
        max_output_bytes: 100,
        ..Limits::default()
    };
    let t = "#foreach($i in [1..1000])0123456789#end";
    assert!(matches!(
        render_kind(t, &small),
        RenderErrorKind::OutputTooLarge { limit: 100 }
    ));
    // A block that renders itself.
    let t = "#define($b)x$b#end$b";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::TooDeep { .. }
    ));
    // Maps containing each other.
    let t = "#set($a = {})#set($b = {})$a.put('b', $b)$b.put('a', $a)$a";
    assert!(matches!(
        render_kind(t, &limits),
        RenderErrorKind::TooDeep { .. }
    ));
}

#[test]
fn foreach_iteration_limit_is_configurable() {
    let limits = Limits {
        max_foreach_iterations: 3,
        ..Limits::default()
    };
    let t = Template::parse("#foreach($i in [1..10])$i#end").unwrap();
    assert_eq!(
        t.render_with(&Input::default(), &limits).unwrap().body,
        "123"
    );
}

#[test]
fn output_is_deterministic() {
    let t =
        "#set($m = {'b': 1, 'a': 2, 'c': [3, {'d': 4}]})$m $m.keySet() #foreach($v in $m)$v;#end";
    let first = out(t);
    for _ in 0..10 {
        assert_eq!(out(t), first);
    }
    assert_eq!(first, "{b=1, a=2, c=[3, {d=4}]} [b, a, c] 1;2;[3, {d=4}];");
}
