use apigw_vtl::{Input, Template};

fn r(t: &str, body: &str) -> String {
    let t = Template::parse(t).unwrap_or_else(|e| panic!("{e}"));
    t.render(&Input::with_body(body))
        .unwrap_or_else(|e| panic!("{e}"))
        .body
}

#[test]
fn scratch() {
    let cases = [
        ("#set($a = 1)\n$a", ""),
        ("$foo|$!foo|${foo}|\\$foo", ""),
        (
            "#set($m = {\"a\": 1, \"b\": [1, \"x\"]})$m $m.a $m.b $m['b'][1]",
            "",
        ),
        ("$input.path('$')", "{\"foo\":[{\"nested\":\"bar\"}]}"),
        (
            "$input.json('$')",
            "{\"foo\":[{\"nested\":\"b/ar\"}], \"n\": 1.50}",
        ),
        ("#foreach($x in [1..3])$x#if($foreach.hasNext),#end#end", ""),
        ("  #if(true)\n  a\n  #end\nb", ""),
        (
            "#set($s = \"O'Brien\")$util.escapeJavaScript($s).replaceAll(\"\\\\'\",\"'\")",
            "",
        ),
        (
            "#set($x = 7 / 2)$x #set($y = 7 % 3)$y #set($z = 1.5 * 2)$z",
            "",
        ),
        (
            "#if($missing)T#{else}F#end #if(\"\")T#{else}F#end #if($missing == '')EQ#end",
            "",
        ),
        ("$input.body|$input.json('$')|$input.path('$.a')|", ""),
        ("$input.path('$')|$input.json('$')", "token=a&b=c"),
    ];
    for (t, body) in cases {
        println!("{t:?} => {:?}", r(t, body));
    }
}
