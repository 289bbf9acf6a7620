//! `$util.escapeJavaScript`: Apache Commons Lang 2.6 `StringEscapeUtils.escapeJavaScript`, and the
//! `.replaceAll("\\'","'")` idiom that makes its output valid inside a JSON string.

mod common;
use apigw_vtl::{Input, Params, Template};
use common::render_input;

fn escaped_param(value: &str) -> String {
    let input = Input {
        params: Params {
            querystring: vec![("v".into(), value.into())],
            ..Params::default()
        },
        ..Input::default()
    };
    render_input("$util.escapeJavaScript($input.params('v'))", &input).body
}

#[test]
fn vectors() {
    let cases = [
        ("O'Brien", r"O\'Brien"),
        (r#"say "hi""#, r#"say \"hi\""#),
        (r"back\slash", r"back\\slash"),
        ("a/b", r"a\/b"),
        ("line1\nline2", r"line1\nline2"),
        ("tab\there", r"tab\there"),
        ("cr\r", r"cr\r"),
        ("\u{8}\u{c}", r"\b\f"),
        ("\u{0}\u{1}\u{1f}", r"\u0000\u0001\u001F"),
        ("\u{7f}", "\u{7f}"),
        ("é", r"\u00E9"),
        ("ü€", r"\u00FC\u20AC"),
        ("😀", r"\uD83D\uDE00"),
        ("", ""),
    ];
    for (input, want) in cases {
        assert_eq!(escaped_param(input), want, "{input:?}");
    }
}

/// apigw's templates write `"$util.escapeJavaScript(..).replaceAll("\\'","'")"`: the result must
/// parse as a JSON string equal to the input, whatever the input.
#[test]
fn replace_all_idiom_gives_valid_json() {
    let template = Template::parse(
        r#"{"name": "$util.escapeJavaScript($input.params('v')).replaceAll("\\'","'")"}"#,
    )
    .unwrap();
    for value in [
        "O'Brien",
        "it's \"quoted\"",
        "a/b\\c",
        "tab\tnl\n",
        "é ü 😀 €",
        "\u{1}ctl",
        "''",
        "\\'",
    ] {
        let input = Input {
            params: Params {
                querystring: vec![("v".into(), value.into())],
                ..Params::default()
            },
            ..Input::default()
        };
        let out = template.render(&input).unwrap().body;
        let parsed: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{value:?} -> {out}: {e}"));
        assert_eq!(parsed["name"], value, "{value:?}");
    }
}

/// Without the idiom, an apostrophe makes the JSON invalid (why the idiom exists).
#[test]
fn apostrophe_alone_is_invalid_json() {
    let out = render_input(
        r#"{"name": "$util.escapeJavaScript($input.params('v'))"}"#,
        &Input {
            params: Params {
                path: vec![("v".into(), "O'Brien".into())],
                ..Params::default()
            },
            ..Input::default()
        },
    )
    .body;
    assert_eq!(out, r#"{"name": "O\'Brien"}"#);
    assert!(serde_json::from_str::<serde_json::Value>(&out).is_err());
}

#[test]
fn public_function_matches_template_function() {
    assert_eq!(apigw_vtl::escape_javascript("x'/\"é"), r#"x\'\/\"\u00E9"#);
}
