//! What synth prints: the route table and what it packaged.

use super::Rendered;
use super::package::{BinaryInfo, Linkage, Packaged};
use crate::config::ApiInfo;

/// `packaged target/release/petstore (x86_64, statically linked, release, 4.1 MB) as bootstrap
/// for functions: admin, api`.
pub fn describe_package(info: &BinaryInfo, packaged: &[Packaged]) -> String {
    let linkage = match &info.linkage {
        Linkage::Static => "statically linked".to_string(),
        Linkage::Dynamic {
            max_glibc: Some((a, b)),
            ..
        } => format!("dynamically linked, needs glibc {a}.{b}"),
        Linkage::Dynamic { .. } => "dynamically linked".to_string(),
    };
    let functions: Vec<&str> = packaged.iter().map(|p| p.function.as_str()).collect();
    format!(
        "packaged {} ({}, {linkage}, {} build, {:.1} MB) as bootstrap for function{}: {}",
        info.path.display(),
        info.architecture,
        if info.debug_build { "debug" } else { "release" },
        info.size as f64 / 1e6,
        if functions.len() == 1 { "" } else { "s" },
        functions.join(", ")
    )
}

/// The route table printed after synth.
pub fn summary(info: &ApiInfo, rendered: &Rendered) -> String {
    let rows: Vec<[String; 4]> = rendered
        .operations
        .iter()
        .map(|r| {
            [
                r.op.method.to_string(),
                r.op.path.to_string(),
                r.op.id.to_string(),
                r.kind.to_string(),
            ]
        })
        .collect();
    let header = ["METHOD", "PATH", "OPERATION", "INTEGRATION"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 4]| {
        let mut s = String::from(" ");
        for (cell, w) in cells.iter().zip(widths) {
            s.push_str(&format!(" {cell:<w$}"));
        }
        s.trim_end().to_string() + "\n"
    };
    let n = rows.len();
    let mut out = format!(
        "{} {}: {n} operation{}\n",
        info.title,
        info.version,
        if n == 1 { "" } else { "s" }
    );
    out.push_str(&line(header));
    for row in &rows {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
    }
    out
}
