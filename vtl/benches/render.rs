//! Template evaluation cost: a DynamoDB PutItem request template (the kind apigw generates), and a
//! response template that maps a `#foreach` over 100 items. Parsing is measured separately: a
//! template is parsed once and rendered for every request.
//!
//! `cargo bench -p apigw-vtl --bench render`.

use std::hint::black_box;

use apigw_vtl::{Input, Params, Template};
use criterion::{Criterion, criterion_group, criterion_main};

const PUT_ITEM: &str = r##"#set($body = $input.path('$'))
{
  "TableName": "$stageVariables.table",
  "Item": {
    "id": {"S": "$context.requestId"},
    "owner": {"S": "$util.escapeJavaScript($input.params('owner')).replaceAll("\\'","'")"},
    "name": {"S": "$util.escapeJavaScript($body.name).replaceAll("\\'","'")"},
    "tag": {"S": "$util.escapeJavaScript($body.tag).replaceAll("\\'","'")"},
    "age": {"N": "$body.age"}#if($body.notes),
    "notes": {"S": "$util.escapeJavaScript($input.json('$.notes'))"}#end
  },
  "ConditionExpression": "attribute_not_exists(id)"
}
#set($context.requestOverride.header['X-Amz-Target'] = 'DynamoDB_20120810.PutItem')
"##;

const LIST_ITEMS: &str = r##"#set($items = $input.path('$.Items'))
{
  "count": $items.size(),
  "pets": [
#foreach($item in $items)
    {
      "id": "$item.id.S",
      "name": "$util.escapeJavaScript($item.name.S).replaceAll("\\'","'")",
      "age": $item.age.N,
      "tags": [#foreach($t in $item.tags.L)"$t.S"#if($foreach.hasNext),#end#end]
    }#if($foreach.hasNext),#end
#end
  ]
}
"##;

fn put_item_input() -> Input {
    Input {
        body: r#"{"name": "O'Malley", "tag": "cat", "age": 4, "notes": "likes \"fish\" / naps"}"#.into(),
        params: Params {
            path: vec![("petId".into(), "p-1".into())],
            querystring: vec![],
            header: vec![("owner".into(), "Zoë".into()), ("Content-Type".into(), "application/json".into())],
        },
        context: serde_json::json!({"requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "stage": "prod"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        stage_variables: vec![("table".into(), "pets".into())],
    }
}

fn list_items_input() -> Input {
    let items: Vec<serde_json::Value> = (0..100)
        .map(|i| {
            serde_json::json!({
                "id": {"S": format!("pet-{i}")},
                "name": {"S": format!("Pet's name {i}")},
                "age": {"N": format!("{}", i % 20)},
                "tags": {"L": [{"S": "a"}, {"S": "b"}, {"S": "c"}]}
            })
        })
        .collect();
    Input::with_body(serde_json::json!({"Items": items, "Count": 100}).to_string())
}

fn bench(c: &mut Criterion) {
    let put_item = Template::parse(PUT_ITEM).expect("PutItem template parses");
    let list_items = Template::parse(LIST_ITEMS).expect("list template parses");
    let (put_input, list_input) = (put_item_input(), list_items_input());

    // The outputs are what DynamoDB and the client parse.
    let out = put_item.render(&put_input).expect("PutItem renders");
    serde_json::from_str::<serde_json::Value>(&out.body).expect("PutItem output is JSON");
    let out = list_items.render(&list_input).expect("list renders");
    let parsed: serde_json::Value = serde_json::from_str(&out.body).expect("list output is JSON");
    assert_eq!(parsed["pets"].as_array().map(Vec::len), Some(100));

    c.bench_function("parse PutItem template", |b| {
        b.iter(|| Template::parse(black_box(PUT_ITEM)))
    });
    c.bench_function("render PutItem template", |b| {
        b.iter(|| put_item.render(black_box(&put_input)))
    });
    c.bench_function("render #foreach over 100 items", |b| {
        b.iter(|| list_items.render(black_box(&list_input)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
